import { resolve } from 'node:path';
import { importPlaces, listGazetteerPlaces } from '../../service/places.ts';
import { dataDirOption, parse, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { ...dataDirOption, json: { type: 'boolean' } }, 1);
  const [file] = positionals;
  if (!file) throw new UsageError('places import needs a FILE (GeoJSON FeatureCollection of points)');
  await withStore(values['data-dir'], async (store) => {
    const result = await importPlaces(store, { path: resolve(file) });
    if (values.json) return console.log(JSON.stringify(result));
    console.log(`imported ${result.imported} places, replaced ${result.replaced}`);
  });
}

async function listCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { ...dataDirOption, json: { type: 'boolean' } });
  await withStore(values['data-dir'], async (store) => {
    const places = await listGazetteerPlaces(store);
    if (values.json) return console.log(JSON.stringify(places, null, 2));
    console.log(
      table(
        ['name', 'name (ar)', 'name (ckb)', 'lon', 'lat', 'population', 'rank'],
        places.map((p) => [
          p.name,
          p.nameAr ?? '',
          p.nameCkb ?? '',
          p.lon.toFixed(4),
          p.lat.toFixed(4),
          p.population === null ? '' : p.population.toLocaleString('en'),
          String(p.rank),
        ]),
      ),
    );
  });
}

export const placesCommand: Command = {
  name: 'places',
  summary: 'load or list the gazetteer of populated places the map names',
  help: `Usage:
  seam places import FILE [--json]
  seam places list [--json]

  import   replace the gazetteer with the Point features of a GeoJSON FeatureCollection: an English
           "name" (or "name_en"), optional "name_ar" and "name_ckb" (Central Kurdish), and optional
           "population" and "rank" (1 major city … 4 village; from the population when left out),
           which decide the zoom at which the map names a place. A file with any bad feature is
           refused whole, naming the feature and field.
  list     the loaded places, most prominent first
  --json   print JSON instead of text
${dataDirHelp}`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'import') return importCommand(rest);
    if (sub === 'list') return listCommand(rest);
    throw new UsageError(
      sub ? `unknown places command "${sub}" (import, list)` : 'places needs a command: import or list',
    );
  },
};
