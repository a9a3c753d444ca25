import { probeId } from './probe.js';
import type { Declared } from '../project/wrangler-facts.js';
import { PERMISSION_ROWS, type PermissionRow } from './rows.js';

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
  // A route id that cannot exist; 32 hex fits the official schema of route_id (workers_identifier, at most 32).
  probe: (z) => ({ method: 'DELETE', path: `/zones/${encodeURIComponent(z)}/workers/routes/${probeId()}` }),
  // Quoted from `GET /user/tokens/permission_groups` in several independent public files (docs/cloudflare-api.md, "Permission groups").
  apiGroup: { name: 'Workers Routes Write', id: '28f4b596e7d643029c524985477ae49a' },
};

/** The rows for the target, and those the project's wrangler configurations add (mastrakit.config.json still decides domain and style). */
export function withDeclaredRows(rows: PermissionRow[], declared: Declared | null): PermissionRow[] {
  if (declared?.routePatterns) return [...rows.filter((r) => r.id !== 'workers-routes-read'), WORKERS_ROUTES_EDIT];
  // workers_dev = false: wrangler lists the zone's routes, so the recommended Read row applies even where
  // mastrakit.config.json names no custom domain (Edit, when required, covers it).
  const read = PERMISSION_ROWS.find((r) => r.id === 'workers-routes-read');
  if (declared?.workersDevOff && read && !rows.includes(read)) return [...rows, read];
  return rows;
}
