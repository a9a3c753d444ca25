import { isIPv4 } from 'node:net';

/**
 * True for 127.0.0.0/8, ::1 and `localhost`: the only hosts plain http may talk to, and the only ones
 * that never go through a proxy. Only names that are loopback without asking DNS count: an IP literal,
 * or `localhost`, which resolvers answer from the hosts file (RFC 6761). `localhost.` (with the dot)
 * is a fully qualified name that resolvers may send to DNS, so it is not loopback here.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost') return true;
  if (host === '::1') return true;
  return isIPv4(host) && host.startsWith('127.');
}
