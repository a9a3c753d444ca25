import { deref, type Schema } from './contract.js';

/**
 * Checks one request against the official contract: a path template that matches, the method on it, and
 * every path and query parameter against its declared schema (type, length, pattern, minimum, maximum,
 * enum). A query parameter the operation does not declare, or a required one left out, is a violation too.
 * Returns the violations, empty when the request is one Cloudflare's contract accepts.
 */
export function requestViolations(doc: Schema, method: string, url: string, prefix = '/client/v4'): string[] {
  const parsed = new URL(url, 'http://contract.invalid');
  if (!parsed.pathname.startsWith(`${prefix}/`)) return [`${method} ${parsed.pathname}: not under ${prefix}`];
  const path = parsed.pathname.slice(prefix.length);
  const what = `${method} ${path}`;
  const match = matchTemplate(Object.keys(doc.paths as Schema), path);
  if (!match) return [`${what}: no path template of the contract matches`];
  const op = (doc.paths as Schema)[match.template]?.[method.toLowerCase()] as Schema | undefined;
  if (!op) return [`${what}: the contract has no ${method} on ${match.template}`];
  const declared = [...((doc.paths as Schema)[match.template].parameters ?? []), ...(op.parameters ?? [])].map((p: Schema) => deref(doc, p));
  const found: string[] = [];
  for (const param of declared.filter((p) => p.in === 'path')) {
    const value = match.params[param.name as string];
    if (value === undefined) found.push(`${what}: path parameter ${param.name} is not in the template`);
    else found.push(...valueViolations(doc, param.schema ?? {}, value, `${what}: path ${param.name}`));
  }
  const queryDeclared = new Map(declared.filter((p) => p.in === 'query').map((p) => [p.name as string, p]));
  for (const [name, value] of parsed.searchParams) {
    const param = queryDeclared.get(name);
    if (!param) found.push(`${what}: query ${name} is not a parameter of ${method} ${match.template}`);
    else found.push(...valueViolations(doc, param.schema ?? {}, value, `${what}: query ${name}`));
  }
  for (const [name, param] of queryDeclared) {
    if (param.required && !parsed.searchParams.has(name)) found.push(`${what}: required query ${name} is missing`);
  }
  return found;
}

/** The template a path matches; one with more literal segments wins (`/user/tokens/verify` over `/user/tokens/{token_id}`). */
export function matchTemplate(templates: readonly string[], path: string): { template: string; params: Record<string, string> } | null {
  const segments = path.split('/');
  let best: { template: string; params: Record<string, string>; literals: number } | null = null;
  for (const template of templates) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    parts.forEach((part, i) => {
      const segment = segments[i] ?? '';
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name) {
        if (segment === '') ok = false;
        else params[name] = decodeURIComponent(segment);
      } else if (part === segment) literals++;
      else ok = false;
    });
    if (ok && (!best || literals > best.literals)) best = { template, params, literals };
  }
  return best ? { template: best.template, params: best.params } : null;
}

/** A parameter value as sent (always text) against its schema. */
export function valueViolations(doc: Schema, raw: Schema, value: string, at: string): string[] {
  const schema = deref(doc, raw);
  const found: string[] = [];
  for (const part of (schema.allOf ?? []) as Schema[]) found.push(...valueViolations(doc, part, value, at));
  const alternatives = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (alternatives && !alternatives.some((alt) => valueViolations(doc, alt, value, at).length === 0)) {
    found.push(`${at}: ${JSON.stringify(value)} matches none of the alternatives`);
  }
  const type = schema.type as string | undefined;
  if (type === 'number' || type === 'integer') {
    const n = Number(value);
    if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(n)) return [...found, `${at}: ${JSON.stringify(value)} is not a number`];
    if (type === 'integer' && !Number.isInteger(n)) found.push(`${at}: ${value} is not an integer`);
    if (schema.minimum !== undefined && n < schema.minimum) found.push(`${at}: ${value} is below the minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && n > schema.maximum) found.push(`${at}: ${value} is above the maximum ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && n <= schema.exclusiveMinimum) found.push(`${at}: ${value} is not above ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === 'number' && n >= schema.exclusiveMaximum) found.push(`${at}: ${value} is not below ${schema.exclusiveMaximum}`);
  } else if (type === 'boolean') {
    if (value !== 'true' && value !== 'false') found.push(`${at}: ${JSON.stringify(value)} is not a boolean`);
  } else if (type === 'string' || type === undefined) {
    if (schema.maxLength !== undefined && value.length > schema.maxLength) found.push(`${at}: ${value.length} characters, longer than ${schema.maxLength}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) found.push(`${at}: ${value.length} characters, shorter than ${schema.minLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern as string).test(value)) found.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  } else {
    found.push(`${at}: a ${type} parameter cannot be checked here`);
  }
  if (schema.enum && !(schema.enum as unknown[]).some((e) => String(e) === value)) found.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  return found;
}
