import { areaKm2 } from '../../geo/polygon-ops.ts';
import { renameJcc } from '../../service/jcc-names.ts';
import { dataDirOption, parse, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

export const jccCommand: Command = {
  name: 'jcc',
  summary: 'list joint coordination centres, or name one in each language',
  help: `Usage:
  seam jcc list [--json]
  seam jcc rename CODE [--name NAME] [--name-ar NAME] [--name-ckb NAME]

  --json       print JSON (with each AOR polygon) instead of a table
  --name       the English name, which readers without a name in their language see
  --name-ar    the Arabic name ("" removes it)
  --name-ckb   the Central Kurdish (Sorani) name ("" removes it)
${dataDirHelp}`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'rename') {
      const { values, positionals } = parse(
        rest,
        { ...dataDirOption, name: { type: 'string' }, 'name-ar': { type: 'string' }, 'name-ckb': { type: 'string' } },
        1,
      );
      const [code] = positionals;
      if (!code) throw new UsageError('jcc rename needs a CODE');
      if (values.name === undefined && values['name-ar'] === undefined && values['name-ckb'] === undefined)
        throw new UsageError('jcc rename needs --name, --name-ar or --name-ckb');
      await withStore(values['data-dir'], async (store) => {
        const j = await renameJcc(store, code, { en: values.name, ar: values['name-ar'], ckb: values['name-ckb'] });
        console.log(`renamed ${j.code}: ${[j.name, j.nameAr, j.nameCkb].filter((n) => n).join(' / ')}`);
      });
      return;
    }
    if (sub !== 'list')
      throw new UsageError(sub ? `unknown jcc command "${sub}" (list, rename)` : 'jcc needs a command: list or rename');
    const { values } = parse(rest, { ...dataDirOption, json: { type: 'boolean' } });
    await withStore(values['data-dir'], async (store) => {
      const jccs = await store.jccs.list();
      if (values.json) return console.log(JSON.stringify(jccs, null, 2));
      console.log(
        table(
          ['code', 'name', 'name (ar)', 'name (ckb)', 'members', 'AOR km²'],
          jccs.map((j) => [
            j.code,
            j.name,
            j.nameAr ?? '',
            j.nameCkb ?? '',
            j.members.join(','),
            Math.round(areaKm2(j.aor)).toLocaleString('en'),
          ]),
        ),
      );
    });
  },
};
