import { intOption, UsageError } from '../args.ts';

/** A TAK port option: `HOST:PORT`, `PORT`, or `off`; absent, the default port on the server's address. */
export function takPortOption(
  name: string,
  value: string | undefined,
  defaultHost: string,
  defaultPort: number,
): { host: string; port: number } | null {
  if (value === undefined) return { host: defaultHost, port: defaultPort };
  if (value === 'off') return null;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d+)$/.exec(value) ?? /^()()(\d+)$/.exec(value);
  if (!m) throw new UsageError(`--${name} must be HOST:PORT, PORT or off, got "${value}"`);
  const port = intOption(name, m[3], 0, 65535)!;
  return { host: m[1] || m[2] || defaultHost, port };
}

/** The host names the TAK server certificate is issued for. */
export function takHostNames(value: string | undefined, host: string): string[] {
  const names =
    value === undefined
      ? [host, 'localhost', '127.0.0.1'].filter((h) => h !== '0.0.0.0' && h !== '::')
      : value.split(',').map((s) => s.trim());
  for (const n of names)
    if (!/^[A-Za-z0-9.:-]{1,253}$/.test(n)) throw new UsageError(`--tak-name: "${n}" is not a host name or address`);
  return [...new Set(names)];
}
