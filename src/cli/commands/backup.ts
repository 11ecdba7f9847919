import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SeamError } from '../../domain/errors.ts';
import { backupDatabase, databaseFile } from '../../store/store.ts';
import { dataDir, dataDirOption, parse, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the database to a file, safely, even while the server runs',
  help: `Usage: seam backup FILE [--data-dir DIR] [--force]

Writes a consistent copy of the database to FILE with SQLite's online backup, page by page,
while the server keeps serving. The copy is written beside FILE first and renamed into place
only when complete. Restore by stopping the server and copying FILE to DIR/seam.db.

The copy holds every record, the change log and the audit log. A basemap imported with
\`seam basemap import\` is a file of its own (DIR/basemap.pmtiles), not part of the database:
keep the file you imported, or copy that one too; without it the map draws its built-in outlines.

  --force   replace FILE if it exists
${dataDirHelp}`,
  async run(argv) {
    const { values, positionals } = parse(argv, { ...dataDirOption, force: { type: 'boolean' } }, 1);
    const [target] = positionals;
    if (!target) throw new UsageError('backup needs a FILE to write');
    const file = resolve(target);
    const source = databaseFile(dataDir(values['data-dir']));
    if (!existsSync(source)) throw new SeamError('not_found', `no Seam database at ${source}`);
    if (file === source) throw new UsageError('the backup FILE must not be the database itself');
    if (existsSync(file) && !values.force)
      throw new SeamError('conflict', `${file} exists (use --force to replace it)`);
    if (!existsSync(dirname(file))) throw new SeamError('not_found', `directory ${dirname(file)} does not exist`);
    const pages = await backupDatabase(source, file);
    console.log(`backed up ${pages} pages to ${file}`);
  },
};
