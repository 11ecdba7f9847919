import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  type BasemapHeader,
  basemapHeaderProblems,
  plainAttribution,
  schemaProblem,
  tileAddressProblem,
  tileTouchesBounds,
  tileUrlOrigin,
  tileUrlProblem,
} from './basemap.ts';

const good: BasemapHeader = {
  specVersion: 3,
  rootDirectoryOffset: 127,
  rootDirectoryLength: 100,
  jsonMetadataOffset: 227,
  jsonMetadataLength: 50,
  leafDirectoryOffset: 277,
  leafDirectoryLength: 0,
  tileDataOffset: 277,
  tileDataLength: 1000,
  numAddressedTiles: 20,
  internalCompression: 2,
  tileCompression: 2,
  tileType: 1,
  minZoom: 0,
  maxZoom: 6,
  minLon: 41,
  minLat: 33,
  maxLon: 47,
  maxLat: 38,
};

test('a sound header has no problems; each fault is named', () => {
  assert.deepEqual(basemapHeaderProblems(good, 1277), []);
  const problems = (change: Partial<BasemapHeader>, bytes = 1277) =>
    basemapHeaderProblems({ ...good, ...change }, bytes);
  assert.match(problems({ tileType: 4 }).join(), /raster tiles \(WebP\); the basemap must be vector tiles \(MVT\)/);
  assert.match(problems({ tileType: 6 }).join(), /MapLibre Tiles format/);
  assert.match(problems({ tileCompression: 3 }).join(), /tile compression is brotli; Seam reads none or gzip/);
  assert.match(problems({ internalCompression: 4 }).join(), /directory compression is zstd/);
  assert.match(problems({ minZoom: 7, maxZoom: 6 }).join(), /zooms 7–6 are not a range/);
  assert.match(problems({ maxLon: 200 }).join(), /bounds 41, 33, 200, 38 are not west, south, east, north/);
  assert.match(problems({ minLat: 38, maxLat: 33 }).join(), /bounds/);
  assert.match(problems({ numAddressedTiles: 0 }).join(), /it holds no tiles/);
  assert.match(problems({}, 1000).join(), /its tile data \(bytes 277–1277\) lies outside the file of 1000 bytes/);
  assert.match(problems({ rootDirectoryOffset: 20 }).join(), /its root directory \(bytes 20–120\) lies outside/);
  assert.equal(problems({ tileType: 2, tileCompression: 3 }).length, 2, 'every problem, not only the first');
});

test('the schema must be the Protomaps basemap schema', () => {
  assert.equal(schemaProblem(['earth', 'water', 'roads']), null);
  assert.match(
    String(schemaProblem(['transportation', 'landcover'])),
    /its layers \(transportation, landcover\) are not the Protomaps basemap schema's/,
  );
  assert.match(String(schemaProblem(null)), /names no vector_layers/);
});

test('tile addresses: whole numbers within the zoom, for every zoom', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 30 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (z, fx, fy) => {
        const n = 2 ** z;
        const x = Math.floor(fx * n);
        const y = Math.floor(fy * n);
        assert.equal(tileAddressProblem(z, x, y), null);
        assert.equal(tileAddressProblem(z, n, y)?.field, 'x');
        assert.equal(tileAddressProblem(z, x, n)?.field, 'y');
        assert.equal(tileAddressProblem(z, -1, y)?.field, 'x');
      },
    ),
  );
  assert.equal(tileAddressProblem(31, 0, 0)?.field, 'z');
  assert.equal(tileAddressProblem(1.5, 0, 0)?.field, 'z');
});

test('a tile touches bounds exactly when its extent overlaps them', () => {
  const iraqNorth = [41, 33, 47, 38] as const;
  assert.ok(tileTouchesBounds(0, 0, 0, iraqNorth));
  assert.ok(tileTouchesBounds(6, 39, 25, iraqNorth));
  assert.ok(!tileTouchesBounds(6, 0, 0, iraqNorth));
  assert.ok(!tileTouchesBounds(6, 39, 40, iraqNorth));
  // Every point's tile touches bounds that contain the point.
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 18 }),
      fc.double({ min: 41, max: 47, noNaN: true }),
      fc.double({ min: 33, max: 38, noNaN: true }),
      (z, lon, lat) => {
        const n = 2 ** z;
        const x = Math.min(n - 1, Math.floor(((lon + 180) / 360) * n));
        const r = (lat * Math.PI) / 180;
        const y = Math.min(n - 1, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n));
        assert.ok(tileTouchesBounds(z, x, y, iraqNorth));
      },
    ),
  );
});

test('attribution becomes plain text', () => {
  assert.equal(
    plainAttribution(
      '<a href="https://github.com/protomaps/basemaps">Protomaps</a> &copy; <a href="https://openstreetmap.org">OpenStreetMap</a>',
    ),
    'Protomaps © OpenStreetMap',
  );
  assert.equal(plainAttribution('<img src=x onerror=alert(1)>'), null);
  assert.equal(plainAttribution(42), null);
  assert.equal(plainAttribution('x'.repeat(1000))?.length, 300);
});

test('a tile URL template names {z}, {x} and {y} on an http(s) origin', () => {
  assert.equal(tileUrlProblem('https://tiles.example.org/basemap/{z}/{x}/{y}.mvt'), null);
  assert.equal(tileUrlOrigin('https://tiles.example.org/basemap/{z}/{x}/{y}.mvt'), 'https://tiles.example.org');
  assert.equal(tileUrlOrigin('http://10.0.0.5:8081/{z}/{x}/{y}.pbf?key=a'), 'http://10.0.0.5:8081');
  assert.match(String(tileUrlProblem('https://tiles.example.org/{x}/{y}.mvt')), /must contain \{z\}/);
  assert.match(String(tileUrlProblem('javascript:alert(1)//{z}{x}{y}')), /http or https/);
  assert.match(String(tileUrlProblem('tiles/{z}/{x}/{y}')), /absolute URL/);
});
