import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { basemapFile, importBasemap, removeBasemap } from '../src/service/basemap.ts';
import { createFixture, startServer, type TestServer } from './harness/fixture.ts';
import {
  fixtureBounds,
  fixtureLake,
  fixtureTileLayers,
  tilesCovering,
  writeFixtureArchive,
} from './harness/pmtiles-fixture.ts';
import { tempDir } from './harness/temp-dir.ts';
import { decodeTile, tileExtent } from './harness/vector-tiles.ts';

const [lakeX, lakeY] = tilesCovering(fixtureLake, 6)[0];
const lakeTile = `6/${lakeX}/${lakeY}`;
// A z6 tile inside the extract's bounds without the lake, left out of the archive: covered but empty.
const [emptyX, emptyY] = tilesCovering(fixtureBounds, 6).find(([x, y]) => fixtureTileLayers(6, x, y).length === 1)!;
const emptyTile = `6/${emptyX}/${emptyY}`;

async function getTile(server: TestServer, path: string, headers: Record<string, string>) {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

test('the basemap API serves a loaded extract: TileJSON, tiles that decode to the features, 204/404, bad addresses refused', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer'] });
  const server = await startServer(t, store);
  const cookie = await server.signIn('isf-viewer');

  const none = await server.request('GET', '/api/v1/basemap', { cookie });
  assert.equal(none.status, 404);
  assert.equal(none.body.error.code, 'not_found');
  assert.match(none.body.error.message, /no basemap is loaded/);

  const source = writeFixtureArchive(tempDir(t), 'extract.pmtiles', { leaveOut: [emptyTile] });
  await importBasemap(store, source);

  assert.equal((await server.request('GET', '/api/v1/basemap')).status, 401);
  assert.equal((await server.request('GET', `/api/v1/basemap/${lakeTile}.mvt`)).status, 401);

  const tj = await server.request('GET', '/api/v1/basemap', { cookie });
  assert.equal(tj.status, 200);
  assert.equal(tj.body.tilejson, '3.0.0');
  assert.equal(tj.body.source, 'served');
  assert.equal(tj.body.minzoom, 0);
  assert.equal(tj.body.maxzoom, 6);
  assert.deepEqual(
    tj.body.bounds.map((v: number) => Math.round(v * 1e6) / 1e6),
    fixtureBounds,
  );
  assert.equal(tj.body.attribution, 'Protomaps © OpenStreetMap');
  assert.deepEqual(
    tj.body.vector_layers.map((l: { id: string }) => l.id),
    ['earth', 'water'],
  );
  const [template] = tj.body.tiles as string[];
  assert.match(template, /^\/api\/v1\/basemap\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=[A-Za-z0-9_-]+$/);
  const lakePath = template.replace('{z}/{x}/{y}', lakeTile);

  // The tile, plain and gzipped: the features it was built from, in tile coordinates.
  const plain = await getTile(server, lakePath, { cookie, 'accept-encoding': 'identity' });
  assert.equal(plain.res.status, 200);
  assert.equal(plain.res.headers.get('content-type'), 'application/vnd.mapbox-vector-tile');
  assert.equal(plain.res.headers.get('content-encoding'), null);
  assert.equal(plain.res.headers.get('cache-control'), 'private, max-age=86400');
  const etag = plain.res.headers.get('etag');
  assert.match(String(etag), /^"[A-Za-z0-9_-]+-6-\d+-\d+"$/);
  const layers = decodeTile(plain.bytes);
  assert.deepEqual(Object.keys(layers).sort(), ['earth', 'water']);
  assert.equal(layers.earth.features[0].properties.kind, 'earth');
  const [lake] = layers.water.features;
  assert.equal(lake.type, 3, 'a polygon');
  assert.deepEqual(lake.properties, { kind: 'lake', name: 'Mosul Dam Lake' });
  const xs = lake.rings[0].map(([x]) => x);
  const ys = lake.rings[0].map(([, y]) => y);
  const [w, s, e, n] = fixtureLake;
  const px = (lon: number) => (((lon + 180) / 360) * 64 - lakeX) * tileExtent;
  const py = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return (((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 64 - lakeY) * tileExtent;
  };
  const near = (a: number, b: number) => Math.abs(a - Math.max(-64, Math.min(tileExtent + 64, b))) <= 1;
  assert.ok(
    near(Math.min(...xs), px(w)) && near(Math.max(...xs), px(e)),
    `lake x ${Math.min(...xs)}–${Math.max(...xs)}`,
  );
  assert.ok(
    near(Math.min(...ys), py(n)) && near(Math.max(...ys), py(s)),
    `lake y ${Math.min(...ys)}–${Math.max(...ys)}`,
  );

  const zipped = await getTile(server, lakePath, { cookie, 'accept-encoding': 'gzip' });
  assert.equal(zipped.res.headers.get('content-encoding'), 'gzip');
  assert.ok(Buffer.from(zipped.bytes).equals(Buffer.from(plain.bytes)), 'the same tile once unzipped');

  const unchanged = await getTile(server, lakePath, { cookie, 'if-none-match': String(etag) });
  assert.equal(unchanged.res.status, 304);

  // Without the file's version the answer must be revalidated: it may be an earlier file's tile.
  const unversioned = await getTile(server, `/api/v1/basemap/${lakeTile}.mvt`, { cookie });
  assert.equal(unversioned.res.headers.get('cache-control'), 'private, no-cache');

  const empty = await getTile(server, `/api/v1/basemap/${emptyTile}.mvt`, { cookie });
  assert.equal(empty.res.status, 204, 'inside the extract but not stored: an empty tile');
  assert.equal(empty.bytes.length, 0);

  for (const outside of ['6/0/0', '7/79/50']) {
    const r = await server.request('GET', `/api/v1/basemap/${outside}.mvt`, { cookie });
    assert.equal(r.status, 404, outside);
    assert.match(r.body.error.message, /lies outside the basemap \(zooms 0–6/);
  }

  const bad: Array<[string, RegExp]> = [
    ['31/0/0.mvt', /z: must be a whole number from 0 to 30/],
    ['6/64/3.mvt', /x: must be a whole number from 0 to 63 at zoom 6/],
    ['2/1/4.mvt', /y: must be a whole number from 0 to 3 at zoom 2/],
    ['6/a/3.mvt', /x must be a whole number/],
    ['6/39/25.png', /whole number followed by \.mvt/],
  ];
  for (const [path, message] of bad) {
    const r = await server.request('GET', `/api/v1/basemap/${path}`, { cookie });
    assert.equal(r.status, 400, path);
    assert.equal(r.body.error.code, 'validation');
    assert.match(r.body.error.message, message, path);
  }

  // Removing the file (as `seam basemap remove` does while the server runs) takes effect at once.
  await removeBasemap(store);
  assert.equal((await server.request('GET', '/api/v1/basemap', { cookie })).status, 404);
  const gone = await server.request('GET', `/api/v1/basemap/${lakeTile}.mvt`, { cookie });
  assert.equal(gone.status, 404);
  assert.match(gone.body.error.message, /no basemap is loaded/);

  // A new import gets a new version in the tile URL, so no browser draws the old file's cached tiles.
  await importBasemap(store, writeFixtureArchive(tempDir(t)));
  const again = await server.request('GET', '/api/v1/basemap', { cookie });
  assert.equal(again.status, 200);
  assert.notEqual(again.body.tiles[0], template);

  // A file damaged behind Seam's back is reported as such, not served.
  writeFileSync(basemapFile(store), 'not tiles any more');
  const damaged = await server.request('GET', '/api/v1/basemap', { cookie });
  assert.equal(damaged.status, 503);
  assert.match(damaged.body.error.message, /the loaded basemap cannot be read: it is not a PMTiles archive/);
});

test("a configured tile server is the basemap, and the page's Content-Security-Policy allows its origin only", async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer'] });
  const tileUrl = 'https://tiles.example.org:8443/basemap/{z}/{x}/{y}.mvt';
  const server = await startServer(t, store, { tileUrl });
  const cookie = await server.signIn('isf-viewer');
  const tj = await server.request('GET', '/api/v1/basemap', { cookie });
  assert.equal(tj.status, 200);
  assert.deepEqual(tj.body.tiles, [tileUrl]);
  assert.equal(tj.body.source, 'configured');
  const page = await server.request('GET', '/');
  const csp = String(page.headers.get('content-security-policy'));
  assert.match(csp, /(^|; )connect-src 'self' https:\/\/tiles\.example\.org:8443(;|$)/);
  assert.doesNotMatch(csp, /script-src[^;]*example/);

  const plain = await startServer(t, store);
  const plainCsp = String((await plain.request('GET', '/')).headers.get('content-security-policy'));
  assert.match(plainCsp, /(^|; )connect-src 'self'(;|$)/);

  for (const [url, reason] of [
    ['https://tiles.example.org/{z}/{x}.mvt', /must contain \{y\}/],
    ['ftp://tiles.example.org/{z}/{x}/{y}.mvt', /must be an http or https URL/],
    ['https://user:secret@tiles.example.org/{z}/{x}/{y}.mvt', /must not carry a user name or password/],
    ['/tiles/{z}/{x}/{y}.mvt', /is not an absolute URL/],
  ] as const) {
    await assert.rejects(startServer(t, store, { tileUrl: url }), reason, url);
  }
});
