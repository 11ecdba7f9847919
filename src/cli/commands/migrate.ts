import { openDatabase } from '../../store/sqlite/database.ts';
import { availableMigrations, migrate } from '../../store/sqlite/migrate.ts';
import { databaseFile } from '../../store/store.ts';
import { dataDir, dataDirOption, parse } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  help: `Usage: seam migrate [--data-dir DIR]

Applies every database migration this version ships that the database has not had yet.
The server also does this when it starts.

${dataDirHelp}`,
  async run(argv) {
    const { values } = parse(argv, dataDirOption);
    const db = openDatabase(databaseFile(dataDir(values['data-dir'])));
    try {
      const applied = migrate(db);
      const newest = availableMigrations().at(-1)?.version ?? 0;
      if (applied.length === 0) console.log(`database is up to date (migration ${newest})`);
      for (const m of applied) console.log(`applied ${String(m.version).padStart(3, '0')} ${m.name}`);
    } finally {
      db.close();
    }
  },
};
