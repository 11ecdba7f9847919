import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Incident } from '../../domain/incident.ts';
import { presentIncident } from '../../server/presenters/incident.ts';
import { actorForUser } from '../../service/actor-for-user.ts';
import { type ExportFormat, exportFormats, exportIncidents } from '../../service/incident-export.ts';
import { dataDirOption, joinNegativeValues, parse, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import {
  incidentFilterFromOptions,
  incidentFilterHelp,
  incidentFilterOptions,
  negativeFilterOptions,
} from '../incident-filter-options.ts';
import { withStore } from './open.ts';

const help = `Usage: seam export --user USERNAME --format geojson|csv|kml [filters] [--out FILE]

Exports the incidents USERNAME may see whole, newest first, as GET /api/v1/incidents/export does:
a GeoJSON FeatureCollection, a CSV in ACLED's column layout (formula-like cells neutralised, with
a byte order mark for Arabic and Kurdish text) or KML. Tearlines are never exported. Every export
is audited (incidents.export) with its filter and how many records left.

  --user USERNAME      whose view to export
  --format F           geojson, csv or kml
${incidentFilterHelp}
  --out FILE           write to FILE (through FILE.partial, renamed when complete) instead of
                       standard output
${dataDirHelp}`;

/** Writes the pieces to a stream, waiting whenever it asks to, so a large export never piles up in memory. */
async function writeAll(pieces: AsyncIterable<string>, out: Writable): Promise<void> {
  for await (const piece of pieces) {
    if (!out.write(piece)) await once(out, 'drain');
  }
}

async function toFile(pieces: AsyncIterable<string>, path: string): Promise<void> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  try {
    await writeAll(pieces, out);
    out.end();
    await once(out, 'finish');
    renameSync(partial, path);
  } catch (err) {
    out.destroy();
    rmSync(partial, { force: true });
    throw err;
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export the incidents a user may see as GeoJSON, CSV or KML',
  help,
  async run(argv) {
    const { values } = parse(joinNegativeValues(argv, negativeFilterOptions), {
      ...dataDirOption,
      ...incidentFilterOptions,
      user: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    if (!values.user) throw new UsageError('export needs --user: whose view to export');
    if (!values.format) throw new UsageError(`export needs --format: ${exportFormats.join(', ')}`);
    if (!(exportFormats as readonly string[]).includes(values.format)) {
      throw new UsageError(`--format must be ${exportFormats.join(', ')}; got "${values.format}"`);
    }
    const format = values.format as ExportFormat;
    await withStore(values['data-dir'], async (store) => {
      const filter = incidentFilterFromOptions(values, store.now());
      const actor = await actorForUser(store, values.user!);
      let count = 0;
      const present = (i: Incident) => {
        count++;
        return presentIncident(i);
      };
      const pieces = exportIncidents(store, actor, filter, format, present);
      try {
        if (values.out === undefined) return await writeAll(pieces, process.stdout);
        const path = resolve(values.out);
        await toFile(pieces, path);
        console.log(`exported ${count} incidents to ${path}`);
      } finally {
        // An export stopped half-way (a closed pipe, a full disk) is still audited, as incomplete.
        await pieces.return(undefined);
      }
    });
  },
};
