import type { AddressInfo } from 'node:net';
import { UsageError } from './args.ts';

/** `HOST:PORT` (or `[IPv6]:PORT`) of a listener flag such as `--tak-tcp`. */
export function hostPortOption(flag: string, value: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65535) throw new UsageError(`${flag} expects HOST:PORT, e.g. 127.0.0.1:8087 (got "${value}")`);
  return { host: m[1] ?? m[2], port };
}

/** How a listener's address is shown. */
export function addressText(a: AddressInfo): string {
  return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
}
