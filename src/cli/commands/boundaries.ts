import { resolve } from 'node:path';
import { type AdminBoundarySummary, adminLevelNames, isAdminLevel } from '../../domain/admin-boundary.ts';
import { fromMgrs, toMgrs } from '../../geo/mgrs.ts';
import { boundariesAt, importBoundaries, listAdminBoundaries } from '../../service/boundaries.ts';
import { dataDirOption, intOption, parse, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { progressBar } from '../progress.ts';
import { reenrichWithProgress } from './incidents.ts';
import { withStore } from './open.ts';

const levelHelp = '1 (governorates), 2 (districts) or 3 (sub-districts)';

function level(value: string | undefined, required: boolean): 1 | 2 | 3 | undefined {
  if (value === undefined) {
    if (required) throw new UsageError(`--level is needed: ${levelHelp}`);
    return undefined;
  }
  const n = intOption('level', value, 1, 3);
  if (!isAdminLevel(n)) throw new UsageError(`--level must be ${levelHelp}`);
  return n;
}

async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(
    argv,
    {
      ...dataDirOption,
      level: { type: 'string' },
      'name-field': { type: 'string' },
      'name-ar-field': { type: 'string' },
      'pcode-field': { type: 'string' },
      'parent-field': { type: 'string' },
      json: { type: 'boolean' },
    },
    1,
  );
  const [file] = positionals;
  if (!file) throw new UsageError('boundaries import needs a FILE (GeoJSON FeatureCollection)');
  const lvl = level(values.level, true)!;
  await withStore(values['data-dir'], async (store) => {
    const result = await importBoundaries(
      store,
      { path: resolve(file) },
      {
        level: lvl,
        nameField: values['name-field'],
        nameArField: values['name-ar-field'],
        pcodeField: values['pcode-field'],
        parentField: values['parent-field'],
      },
      progressBar(`importing ${adminLevelNames[lvl]} boundaries`),
    );
    // Incidents carry their governorate and district: bring them in line with the new boundaries.
    const reenriched = await reenrichWithProgress(store);
    if (values.json) return console.log(JSON.stringify({ ...result, incidents_changed: reenriched.changed }));
    console.log(
      `imported ${result.imported} ${adminLevelNames[lvl]} boundaries (level ${lvl}), replaced ${result.replaced}`,
    );
    console.log(`re-enriched incidents: ${reenriched.changed} of ${reenriched.checked} changed`);
  });
}

async function listCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { ...dataDirOption, level: { type: 'string' }, json: { type: 'boolean' } });
  const lvl = level(values.level, false);
  await withStore(values['data-dir'], async (store) => {
    const rows = await listAdminBoundaries(store, lvl);
    if (values.json) return console.log(JSON.stringify(rows, null, 2));
    console.log(
      table(
        ['level', 'pcode', 'name', 'name (ar)', 'parent', 'km²'],
        rows.map((b) => [
          String(b.level),
          b.pcode,
          b.name,
          b.nameAr ?? '',
          b.parentPcode ?? '',
          Math.round(b.areaKm2).toLocaleString('en'),
        ]),
      ),
    );
  });
}

/** A decimal number given as an argument, negative ones included (which parseArgs would take for options). */
const numberArg = /^[-+]?(\d+\.?\d*|\.\d+)$/;

async function atCommand(argv: string[]): Promise<void> {
  // Coordinates are picked out by hand: "-73.9" is a longitude, not an option, and an MGRS reference
  // may come in pieces ("38SMD 78489 26063").
  const place: string[] = [];
  const options: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-') && !numberArg.test(a)) {
      options.push(a);
      if (a === '--data-dir' && i + 1 < argv.length) options.push(argv[++i]);
    } else {
      place.push(a);
    }
  }
  const { values } = parse(options, { ...dataDirOption, json: { type: 'boolean' } });
  let lon: number;
  let lat: number;
  if (place.length === 2 && place.every((a) => numberArg.test(a))) {
    [lon, lat] = place.map(Number);
  } else if (place.length > 0 && !place.every((a) => numberArg.test(a))) {
    ({ lon, lat } = fromMgrs(place.join('')));
  } else {
    throw new UsageError('boundaries at needs LON LAT (decimal degrees) or an MGRS reference');
  }
  await withStore(values['data-dir'], async (store) => {
    const found = await boundariesAt(store, lon, lat);
    if (values.json) return console.log(JSON.stringify({ lon, lat, ...found }, null, 2));
    const show = (b: AdminBoundarySummary | null) =>
      b ? `${b.name} (${b.pcode})${b.nameAr ? `  ${b.nameAr}` : ''}` : '-';
    console.log(`point         ${lon.toFixed(6)}, ${lat.toFixed(6)}  (MGRS ${toMgrs(lon, lat)})`);
    console.log(`governorate   ${show(found.governorate)}`);
    console.log(`district      ${show(found.district)}`);
    console.log(`sub-district  ${show(found.subdistrict)}`);
  });
}

export const boundariesCommand: Command = {
  name: 'boundaries',
  summary: 'import, list and look up administrative boundaries',
  help: `Usage:
  seam boundaries import FILE --level 1|2|3 [--name-field F] [--name-ar-field F] [--pcode-field F] [--parent-field F] [--json]
  seam boundaries list [--level N] [--json]
  seam boundaries at LON LAT [--json]
  seam boundaries at MGRS [--json]

import reads a GeoJSON FeatureCollection of Polygon/MultiPolygon features in WGS84 and replaces
every boundary of that level in one transaction, then re-enriches every incident (governorate,
district) and says how many changed. Every feature is checked first; if any is wrong
nothing is imported and each problem is named with its feature number. Field names default to
OCHA's COD-AB ones: ADM{level}_EN, ADM{level}_AR, ADM{level}_PCODE, parent ADM{level-1}_PCODE.
Files over 200 MB are refused. Seam ships no boundary data: supply the file.

  --level N          ${levelHelp}
  --name-field F     property holding the name
  --name-ar-field F  property holding the Arabic name (optional in the file)
  --pcode-field F    property holding the place code, unique within the level
  --parent-field F   property holding the parent's place code (optional in the file)
  --json             print JSON instead of text
${dataDirHelp}`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'import') return importCommand(rest);
    if (sub === 'list') return listCommand(rest);
    if (sub === 'at') return atCommand(rest);
    throw new UsageError(
      sub ? `unknown boundaries command "${sub}" (import, list, at)` : 'boundaries needs a command: import, list or at',
    );
  },
};
