import type { Declared } from '../project/wrangler-facts.js';
import { rowsFor, type PermissionRow } from './rows.js';

/**
 * Not one of the docs page's rows: needed when a wrangler configuration declares route patterns, which
 * `wrangler deploy` creates (a custom domain is attached without a route). Checked per route zone by
 * src/checks/wrangler-checks.ts, so it is not in PERMISSION_ROWS (whose zone rows follow the domain).
 */
export const WORKERS_ROUTES_EDIT: PermissionRow = {
  id: 'workers-routes-edit',
  type: 'Zone',
  resource: 'Workers Routes',
  action: 'Edit',
  requiredWhen: 'route-patterns',
  key: 'com.cloudflare.edge.worker.route.write',
  fix: 'Add `Workers Routes: Edit` for the zone of the routes.',
  why: '`wrangler deploy` creates the routes your wrangler configuration declares',
  template: { key: 'workers_routes', type: 'edit' },
  // Quoted from `GET /user/tokens/permission_groups` in several independent public files (docs/cloudflare-api.md, "Permission groups").
  apiGroup: { name: 'Workers Routes Write', id: '28f4b596e7d643029c524985477ae49a' },
};

/** The rows for this target, and those the project's wrangler configurations add (mastrakit.config.json still decides domain and style). */
export function projectRows(target: Parameters<typeof rowsFor>[0], declared: Declared | null): PermissionRow[] {
  const rows = rowsFor(target);
  return declared?.routePatterns ? [...rows, WORKERS_ROUTES_EDIT] : rows;
}
