import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SeamError } from '../../domain/errors.ts';
import { requirePermission } from '../../domain/roles.ts';
import { formatCsv } from '../../io/csv.ts';
import { formatRowError, type ImportFormat, importFormats, type RowError } from '../../io/incident-draft.ts';
import { actorForUser } from '../../service/actor-for-user.ts';
import { type ImportSummary, importIncidents } from '../../service/incident-import.ts';
import { dataDirOption, parse, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { progressBar } from '../progress.ts';
import { withStore } from './open.ts';

/** How many row errors the summary shows (all of them go to the rejects file). */
const shownErrors = 10;
/** How many row errors the JSON summary carries. */
const jsonErrors = 100;

const help = `Usage: seam import FILE --format ucdp-ged|acled|geojson|kml --org ORG [--releasability R]
                   [--skip-invalid [--rejects FILE]] [--exercise] [--user USERNAME] [--json]

Imports incidents from a file: a UCDP GED or ACLED CSV export, a GeoJSON FeatureCollection or a
KML document (Seam's own exports read back). Every row is checked, enriched and written through the
one write path in a single transaction. By default a file with any bad row is refused whole and
nothing is written; the first problems are named by line (or feature) and field. Rows imported
before (same source and source id) are skipped, so importing a file twice changes nothing.
A CSV needs only the columns an incident cannot do without (identifier, type, dates and their
precision, coordinates and their precision, deaths); descriptive columns it lacks are named in
the summary. A row of HXL hashtags under the header (HDX downloads) is skipped.

  --format F          ucdp-ged, acled, geojson or kml
  --org ORG           the organisation that owns the imported incidents
  --releasability R   org, partners, coalition or group:NAME (default: the organisation's default)
  --skip-invalid      import the valid rows and reject the rest
  --rejects FILE      with --skip-invalid: write every rejected row (line, where, field, reason)
                      as CSV to FILE (default: the imported FILE with .rejects.csv appended)
  --exercise          mark every imported incident as synthetic exercise data
  --user USERNAME     the reporter named on each incident and in the audit (must belong to --org)
  --json              print one JSON object: imported, skipped, rejected, read, format, the
                      first ${jsonErrors} errors and absent_columns (optional CSV columns the
                      file lacks)
${dataDirHelp}`;

function formatOption(value: string | undefined): ImportFormat {
  if (value === undefined) throw new UsageError(`import needs --format: ${importFormats.join(', ')}`);
  if (!(importFormats as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be ${importFormats.join(', ')}; got "${value}"`);
  }
  return value as ImportFormat;
}

/** Writes every rejected row as CSV, beside and then over the target, so a reader never sees half a file. */
function writeRejects(path: string, errors: readonly RowError[]): void {
  const partial = `${path}.partial`;
  writeFileSync(
    partial,
    formatCsv([['line', 'where', 'field', 'reason'], ...errors.map((e) => [e.line, e.where, e.field ?? '', e.reason])]),
  );
  renameSync(partial, path);
}

function printSummary(file: string, s: ImportSummary, rejectsFile: string | null): void {
  console.log(
    `imported ${s.imported} incidents from ${file} (${s.format}): ${s.read} read, ${s.skipped} skipped as already imported, ${s.rejected} rejected`,
  );
  for (const e of s.errors.slice(0, shownErrors)) console.log(`  ${formatRowError(e)}`);
  if (s.errors.length > shownErrors) console.log(`  … and ${s.errors.length - shownErrors} more`);
  if (s.absentColumns.length > 0) {
    console.log(`optional columns absent from the file, left empty: ${s.absentColumns.join(', ')}`);
  }
  if (rejectsFile) console.log(`rejected rows written to ${rejectsFile}`);
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import incidents from UCDP GED, ACLED, GeoJSON or KML',
  help,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        ...dataDirOption,
        format: { type: 'string' },
        org: { type: 'string' },
        releasability: { type: 'string' },
        'skip-invalid': { type: 'boolean' },
        rejects: { type: 'string' },
        exercise: { type: 'boolean' },
        user: { type: 'string' },
        json: { type: 'boolean' },
      },
      1,
    );
    const [file] = positionals;
    if (!file) throw new UsageError('import needs a FILE');
    const format = formatOption(values.format);
    if (!values.org) throw new UsageError('import needs --org: the organisation that owns the incidents');
    if (values.rejects !== undefined && !values['skip-invalid']) {
      throw new UsageError('--rejects goes with --skip-invalid (without it a bad row refuses the whole file)');
    }
    const path = resolve(file);
    await withStore(values['data-dir'], async (store) => {
      let actorId: string | null = null;
      if (values.user !== undefined) {
        const actor = await actorForUser(store, values.user);
        if (actor.org !== values.org) {
          throw new SeamError('forbidden', `user "${actor.username}" belongs to ${actor.org}, not ${values.org}`);
        }
        requirePermission(actor.roles, 'incident:create');
        actorId = actor.userId;
      }
      const summary = await importIncidents(store, path, {
        format,
        org: values.org!,
        releasability: values.releasability,
        skipInvalid: values['skip-invalid'] ?? false,
        exercise: values.exercise ?? false,
        actorId,
        onProgress: progressBar(`importing ${format}`),
      });
      let rejectsFile: string | null = null;
      if (values['skip-invalid'] && summary.rejected > 0) {
        rejectsFile = resolve(values.rejects ?? `${file}.rejects.csv`);
        writeRejects(rejectsFile, summary.errors);
      }
      if (values.json) {
        const { imported, skipped, rejected, read, errors, absentColumns } = summary;
        console.log(
          JSON.stringify({
            imported,
            skipped,
            rejected,
            read,
            format,
            errors: errors.slice(0, jsonErrors),
            absent_columns: absentColumns,
          }),
        );
        return;
      }
      printSummary(file, summary, rejectsFile);
    });
  },
};
