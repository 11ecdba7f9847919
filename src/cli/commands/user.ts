import { randomBytes } from 'node:crypto';
import { addUser, disableUser, setPassword, usersOf } from '../../service/users.ts';
import { dataDirOption, parse, readStdin, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

const help = `Usage:
  seam user add USERNAME --org ORG --roles ROLE[,ROLE…] [--password-stdin]
  seam user list [--org ORG] [--json]
  seam user passwd USERNAME [--password-stdin]
  seam user disable USERNAME

Manages the people who sign in. Roles: viewer, reporter, analyst, liaison, admin.
Without --password-stdin a strong password is generated and printed once.

  --org ORG          organisation code (see "seam org list")
  --roles LIST       comma-separated roles
  --password-stdin   read the password from standard input
  --json             print JSON instead of a table
${dataDirHelp}`;

function generatedPassword(): string {
  return randomBytes(18).toString('base64url');
}

async function passwordFrom(fromStdin: boolean | undefined): Promise<{ password: string; generated: boolean }> {
  if (fromStdin) return { password: await readStdin(), generated: false };
  return { password: generatedPassword(), generated: true };
}

export const userCommand: Command = {
  name: 'user',
  summary: 'add, list, change the password of, or disable users',
  help,
  async run(argv) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'add': {
        const { values, positionals } = parse(
          rest,
          {
            ...dataDirOption,
            org: { type: 'string' },
            roles: { type: 'string' },
            'password-stdin': { type: 'boolean' },
          },
          1,
        );
        const [username] = positionals;
        if (!username) throw new UsageError('user add needs a USERNAME');
        if (!values.org) throw new UsageError('user add needs --org');
        if (!values.roles) throw new UsageError('user add needs --roles');
        await withStore(values['data-dir'], async (store) => {
          const { password, generated } = await passwordFrom(values['password-stdin']);
          const user = await addUser(store, null, {
            username,
            org: values.org!,
            roles: values.roles!.split(','),
            password,
          });
          console.log(`added ${user.username} (${user.org}: ${user.roles.join(', ')})`);
          if (generated) console.log(`password: ${password}`);
        });
        return;
      }
      case 'list': {
        const { values } = parse(rest, { ...dataDirOption, org: { type: 'string' }, json: { type: 'boolean' } });
        await withStore(values['data-dir'], async (store) => {
          const users = await usersOf(store, values.org);
          if (values.json) return console.log(JSON.stringify(users, null, 2));
          console.log(
            table(
              ['username', 'org', 'roles', 'status'],
              users.map((u) => [u.username, u.org, u.roles.join(','), u.disabled ? 'disabled' : 'active']),
            ),
          );
        });
        return;
      }
      case 'passwd': {
        const { values, positionals } = parse(rest, { ...dataDirOption, 'password-stdin': { type: 'boolean' } }, 1);
        const [username] = positionals;
        if (!username) throw new UsageError('user passwd needs a USERNAME');
        await withStore(values['data-dir'], async (store) => {
          const { password, generated } = await passwordFrom(values['password-stdin']);
          await setPassword(store, null, username, password);
          console.log(`password of ${username} changed; their sessions are ended`);
          if (generated) console.log(`password: ${password}`);
        });
        return;
      }
      case 'disable': {
        const { values, positionals } = parse(rest, dataDirOption, 1);
        const [username] = positionals;
        if (!username) throw new UsageError('user disable needs a USERNAME');
        await withStore(values['data-dir'], async (store) => {
          await disableUser(store, null, username);
          console.log(`${username} is disabled`);
        });
        return;
      }
      default:
        throw new UsageError(
          sub
            ? `unknown user command "${sub}" (add, list, passwd, disable)`
            : 'user needs a command: add, list, passwd or disable',
        );
    }
  },
};
