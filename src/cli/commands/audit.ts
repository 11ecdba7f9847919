import { SeamError } from '../../domain/errors.ts';
import { listAudit, verifyAuditChain } from '../../service/audit.ts';
import { dataDirOption, intOption, parse, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

/** `7d`, `12h`, `30m` or an ISO-8601 time, as an ISO-8601 UTC time. */
export function sinceOption(value: string | undefined, now: Date): string | undefined {
  if (value === undefined) return undefined;
  const rel = /^(\d{1,5})([dhm])$/.exec(value);
  if (rel) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[rel[2] as 'd' | 'h' | 'm'];
    return new Date(now.getTime() - Number(rel[1]) * unit).toISOString();
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UsageError(`--since must be like 7d, 12h, 30m or an ISO-8601 time, got "${value}"`);
  return new Date(t).toISOString();
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'verify or list the tamper-evident audit log',
  help: `Usage:
  seam audit verify
  seam audit list [--since 7d|TIME] [--user USERNAME] [--action ACTION] [--limit N] [--json]

verify recomputes the hash chain of the audit log from its first entry and names the first
entry that was edited, inserted or removed behind Seam's back (exit 1), or confirms the chain.
list prints entries newest first: sign-ins, every write, releasability and user changes.

  --since WHEN     entries from this time: 7d, 12h, 30m or ISO-8601
  --user NAME      entries by this user
  --action A       entries of this action or its family (e.g. login, incident.releasability)
  --limit N        at most N entries (default 100, up to 100000)
  --json           print JSON lines instead of a table
${dataDirHelp}`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'verify') {
      const { values } = parse(rest, dataDirOption);
      await withStore(values['data-dir'], async (store) => {
        const result = await verifyAuditChain(store, (n) => {
          if (process.stderr.isTTY) process.stderr.write(`\rchecked ${n} entries`);
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        if (result.broken) {
          const b = result.broken;
          throw new SeamError(
            'conflict',
            `audit chain broken at entry ${b.seq}${b.at ? ` (${b.at})` : ''}: ${b.reason}; the ${result.entries} entries before it are intact`,
          );
        }
        console.log(`audit chain intact: ${result.entries} entries`);
      });
      return;
    }
    if (sub === 'list') {
      const { values } = parse(rest, {
        ...dataDirOption,
        since: { type: 'string' },
        user: { type: 'string' },
        action: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      });
      const limit = intOption('limit', values.limit, 1, 100_000) ?? 100;
      await withStore(values['data-dir'], async (store) => {
        const entries = await listAudit(
          store,
          { since: sinceOption(values.since, store.now()), username: values.user, action: values.action },
          limit,
        );
        if (values.json) {
          for (const e of entries) console.log(JSON.stringify({ ...e, detail: e.detail && JSON.parse(e.detail) }));
          return;
        }
        console.log(
          table(
            ['seq', 'at', 'user', 'action', 'record', 'detail'],
            entries.map((e) => [
              String(e.seq),
              e.at,
              e.username ?? e.actor ?? '-',
              e.action,
              e.recordType ? `${e.recordType}:${e.recordId ?? ''}` : '-',
              (e.detail ?? '').slice(0, 80),
            ]),
          ),
        );
      });
      return;
    }
    throw new UsageError(
      sub ? `unknown audit command "${sub}" (verify, list)` : 'audit needs a command: verify or list',
    );
  },
};
