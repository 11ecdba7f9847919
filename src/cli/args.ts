import { resolve } from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';

/** A command-line mistake: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const dataDirOption = { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** Parses a command's arguments strictly: an unknown option is a usage error naming it. */
export function parse<O extends ParseArgsOptionsConfig>(argv: string[], options: O, positionals = 0) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const e = err as Error & { code?: string };
    const option = /'(-{1,2}[^']+)'/.exec(e.message)?.[1];
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) throw new UsageError(`unknown option ${option}`);
    throw new UsageError(e.message.split('\n')[0]);
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`);
  }
  return parsed;
}

/** The subcommand `sub` of `command`, or a usage error listing the ones there are. */
export function subcommandOf(command: string, sub: string | undefined, subcommands: readonly string[]): string {
  if (sub && subcommands.includes(sub)) return sub;
  throw new UsageError(
    sub
      ? `unknown ${command} command "${sub}" (${subcommands.join(', ')})`
      : `${command} needs a command: ${subcommands.join(', ')}`,
  );
}

/** The data directory: --data-dir, else SEAM_DATA_DIR, else ./data. */
export function dataDir(value: string | undefined): string {
  return resolve(value ?? process.env.SEAM_DATA_DIR ?? 'data');
}

/** A whole number option within bounds, or a usage error naming the option. */
export function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Reads all of standard input (for secrets that must not appear in the process list). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Prints rows as an aligned table for people. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const negativeValue = /^-(\d|\.\d)/;

/**
 * The arguments with `--name -3.5` joined into `--name=-3.5` for the named options, since parseArgs
 * would take a negative number (a western longitude, a southern latitude) for an option.
 */
export function joinNegativeValues(argv: string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (names.includes(a.replace(/^--/, '')) && a.startsWith('--') && negativeValue.test(argv[i + 1] ?? '')) {
      out.push(`${a}=${argv[++i]}`);
    } else {
      out.push(a);
    }
  }
  return out;
}
