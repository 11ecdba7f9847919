import { addDefaultAlertRules } from '../../service/alert-rules.ts';
import { addOrganisation } from '../../service/organisations.ts';
import { dataDirOption, parse, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

export const orgCommand: Command = {
  name: 'org',
  summary: 'list or add organisations',
  help: `Usage:
  seam org list [--json]
  seam org add CODE NAME [--name-ar NAME] [--name-ckb NAME]

  An organisation added here starts with the default coordination alert rules: a new conflict of
  an activity it is notified of, an answer to its own, an escalation at its JCC, an overdue
  request (see seam alert rules).

  NAME          the English name, which readers without a name in their language see
  --name-ar     the Arabic name
  --name-ckb    the Central Kurdish (Sorani) name
  --json        print JSON instead of a table
${dataDirHelp}`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'list') {
      const { values } = parse(rest, { ...dataDirOption, json: { type: 'boolean' } });
      await withStore(values['data-dir'], async (store) => {
        const orgs = await store.organisations.list();
        if (values.json) return console.log(JSON.stringify(orgs, null, 2));
        console.log(
          table(
            ['code', 'name', 'name (ar)', 'name (ckb)'],
            orgs.map((o) => [o.code, o.name, o.nameAr ?? '', o.nameCkb ?? '']),
          ),
        );
      });
      return;
    }
    if (sub === 'add') {
      const { values, positionals } = parse(
        rest,
        { ...dataDirOption, 'name-ar': { type: 'string' }, 'name-ckb': { type: 'string' } },
        2,
      );
      const [code, name] = positionals;
      if (!code || !name) throw new UsageError('org add needs CODE and NAME');
      await withStore(values['data-dir'], async (store) => {
        const org = await addOrganisation(store, code, name, { ar: values['name-ar'], ckb: values['name-ckb'] });
        const rules = await addDefaultAlertRules(store, org.code);
        console.log(`added ${org.code} (${org.name}) with ${rules.length} default alert rules`);
      });
      return;
    }
    throw new UsageError(sub ? `unknown org command "${sub}" (list, add)` : 'org needs a command: list or add');
  },
};
