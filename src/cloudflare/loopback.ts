import { isIPv4 } from 'node:net';

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts plain http may talk to. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (host === '::1') return true;
  return isIPv4(host) && host.startsWith('127.');
}
