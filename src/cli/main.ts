import { SeamError } from '../domain/errors.ts';
import { UsageError } from './args.ts';
import type { Command } from './command.ts';
import { activityCommand } from './commands/activity.ts';
import { alertCommand } from './commands/alert.ts';
import { auditCommand } from './commands/audit.ts';
import { backupCommand } from './commands/backup.ts';
import { basemapCommand } from './commands/basemap.ts';
import { boundariesCommand } from './commands/boundaries.ts';
import { demoCommand } from './commands/demo.ts';
import { exportCommand } from './commands/export.ts';
import { gapsCommand } from './commands/gaps/gaps-command.ts';
import { importCommand } from './commands/import.ts';
import { incidentCommand } from './commands/incident.ts';
import { incidentsCommand } from './commands/incidents.ts';
import { jccCommand } from './commands/jcc.ts';
import { migrateCommand } from './commands/migrate.ts';
import { orgCommand } from './commands/org.ts';
import { placesCommand } from './commands/places.ts';
import { requestCommand } from './commands/request.ts';
import { serveCommand } from './commands/serve.ts';
import { sitrepCommand } from './commands/sitrep.ts';
import { takCommand } from './commands/tak.ts';
import { tokenCommand } from './commands/token.ts';
import { userCommand } from './commands/user.ts';

const commands: Command[] = [
  serveCommand,
  demoCommand,
  migrateCommand,
  userCommand,
  tokenCommand,
  orgCommand,
  jccCommand,
  boundariesCommand,
  placesCommand,
  basemapCommand,
  incidentCommand,
  incidentsCommand,
  activityCommand,
  alertCommand,
  requestCommand,
  sitrepCommand,
  importCommand,
  exportCommand,
  gapsCommand,
  backupCommand,
  auditCommand,
  takCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: seam COMMAND [options]

Seam: coordination platform for partner forces that share a boundary.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Every command takes --data-dir DIR (default: $SEAM_DATA_DIR or ./data) and --help.`;
}

/** Runs the `seam` command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    console.error(overview());
    console.error('\nseam: a command is needed (see seam --help)');
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`seam: unknown command "${name}" (see seam --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`seam ${name}: ${err.message} (see seam ${name} --help)`);
      return 2;
    }
    if (err instanceof SeamError) {
      console.error(`seam ${name}: ${err.message}`);
      return 1;
    }
    console.error(`seam ${name}: ${(err as Error).message ?? String(err)}`);
    return 1;
  }
}

if (import.meta.main) {
  const code = await main(process.argv.slice(2));
  // `serve` keeps running: only set the exit code, never force an exit over a live server.
  if (code !== 0) process.exit(code);
  process.exitCode = code;
}
