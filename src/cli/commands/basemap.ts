import { resolve } from 'node:path';
import type { BasemapSummary } from '../../service/basemap.ts';
import { basemapSummary, importBasemap, removeBasemap } from '../../service/basemap.ts';
import { dataDirOption, parse, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function describe(b: BasemapSummary): string {
  const [w, s, e, n] = b.bounds.map((v) => v.toFixed(4));
  return [
    `file         ${b.file}`,
    `size         ${megabytes(b.bytes)} (${b.bytes} bytes), ${b.tiles} tiles, ${b.tileCompression === 'gzip' ? 'gzipped' : 'uncompressed'}`,
    `bounds       west ${w}, south ${s}, east ${e}, north ${n}`,
    `zooms        ${b.minZoom}–${b.maxZoom}`,
    `layers       ${b.vectorLayers.join(', ')}`,
    `name         ${b.name ?? '-'}`,
    `attribution  ${b.attribution ?? '-'}`,
    `loaded       ${b.loadedAt}`,
  ].join('\n');
}

const present = (b: BasemapSummary) => ({
  file: b.file,
  bytes: b.bytes,
  tiles: b.tiles,
  bounds: b.bounds,
  min_zoom: b.minZoom,
  max_zoom: b.maxZoom,
  vector_layers: b.vectorLayers,
  name: b.name,
  attribution: b.attribution,
  loaded_at: b.loadedAt,
});

async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { ...dataDirOption, json: { type: 'boolean' } }, 1);
  const [file] = positionals;
  if (!file) throw new UsageError('basemap import needs a FILE (a PMTiles v3 extract of vector tiles)');
  await withStore(values['data-dir'], async (store) => {
    const b = await importBasemap(store, resolve(file));
    if (values.json) return console.log(JSON.stringify({ ...present(b), sha256: b.sha256, replaced: b.replaced }));
    console.log(`${b.replaced ? 'replaced the basemap with' : 'loaded the basemap'} ${file}`);
    console.log(describe(b));
  });
}

async function showCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { ...dataDirOption, json: { type: 'boolean' } });
  await withStore(values['data-dir'], async (store) => {
    const b = await basemapSummary(store);
    if (values.json) return console.log(JSON.stringify(b ? present(b) : null));
    if (!b) return console.log('no basemap is loaded: the map draws the built-in country outlines');
    console.log(describe(b));
  });
}

async function removeCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, dataDirOption);
  await withStore(values['data-dir'], async (store) => {
    const { bytes } = await removeBasemap(store);
    console.log(`removed the basemap (${megabytes(bytes)}): the map draws the built-in country outlines`);
  });
}

export const basemapCommand: Command = {
  name: 'basemap',
  summary: "load, show or remove the site's offline basemap (a PMTiles extract)",
  help: `Usage:
  seam basemap import FILE.pmtiles [--json]
  seam basemap show [--json]
  seam basemap remove

import loads a regional extract as the map's basemap, replacing any loaded before: a PMTiles
version 3 archive of vector tiles (MVT) in the Protomaps basemap schema, e.g. one cut once with
"pmtiles extract" from a Protomaps build. The file is checked first (header, tile type, zooms,
bounds, directories, metadata); a file that fails is refused with the reason and nothing changes.
It is copied into the data directory as basemap.pmtiles and served by Seam itself to signed-in
users, so the map needs no internet. Every import and removal is audited.

show prints what is loaded: bounds, zooms, size, layers and attribution.
remove unloads it; the map draws the built-in country outlines again.

A site with its own tile server sets --tile-url on seam serve instead (see seam serve --help).

  --json           print JSON instead of text
${dataDirHelp}`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'import') return importCommand(rest);
    if (sub === 'show') return showCommand(rest);
    if (sub === 'remove') return removeCommand(rest);
    throw new UsageError(
      sub
        ? `unknown basemap command "${sub}" (import, show, remove)`
        : 'basemap needs a command: import, show or remove',
    );
  },
};
