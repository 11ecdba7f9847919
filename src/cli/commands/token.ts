import { createApiToken } from '../../service/auth.ts';
import { dataDirOption, intOption, parse, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

export const tokenCommand: Command = {
  name: 'token',
  summary: 'create an API bearer token for a user',
  help: `Usage: seam token create --user USERNAME [--scope read|write] [--days N]

Creates a bearer token for the API (Authorization: Bearer …) and prints it once: only its hash
is kept. A read token can never write, whatever the user's roles.

  --user USERNAME   whose token it is
  --scope SCOPE     read or write (default: read)
  --days N          expires after N days (default: never)
${dataDirHelp}`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'create')
      throw new UsageError(sub ? `unknown token command "${sub}" (create)` : 'token needs a command: create');
    const { values } = parse(rest, {
      ...dataDirOption,
      user: { type: 'string' },
      scope: { type: 'string' },
      days: { type: 'string' },
    });
    if (!values.user) throw new UsageError('token create needs --user');
    const scope = values.scope ?? 'read';
    if (scope !== 'read' && scope !== 'write') throw new UsageError(`--scope must be read or write, got "${scope}"`);
    const days = intOption('days', values.days, 1, 3650) ?? null;
    await withStore(values['data-dir'], async (store) => {
      const { token } = await createApiToken(store, null, values.user!, scope, days);
      console.log(token);
    });
  },
};
