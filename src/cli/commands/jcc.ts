import { areaKm2 } from '../../geo/polygon-ops.ts';
import { listJccs } from '../../store/jccs.ts';
import { dataDirOption, parse, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

export const jccCommand: Command = {
  name: 'jcc',
  summary: 'list joint coordination centres',
  help: `Usage: seam jcc list [--json]

  --json   print JSON (with each AOR polygon) instead of a table
${dataDirHelp}`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'list') throw new UsageError(sub ? `unknown jcc command "${sub}" (list)` : 'jcc needs a command: list');
    const { values } = parse(rest, { ...dataDirOption, json: { type: 'boolean' } });
    await withStore(values['data-dir'], (store) => {
      const jccs = listJccs(store.db);
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
