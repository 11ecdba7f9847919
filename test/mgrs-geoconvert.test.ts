// Oracle test: our MGRS conversions against GeographicLib's own GeoConvert (Debian package
// geographiclib-tools), run once per direction over a batch of seeded random points.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { mulberry32 } from '../src/demo/random.ts';
import { distanceKm } from '../src/geo/distance.ts';
import { fromMgrs, toMgrs } from '../src/geo/mgrs.ts';

const missing =
  'GeoConvert not found: install the Debian package geographiclib-tools (apt-get install geographiclib-tools)';

function geoConvertAvailable(): boolean {
  const r = spawnSync('GeoConvert', ['--version'], { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

/** Runs GeoConvert once over all lines; returns one output line per input line (errors included, as "ERROR: …"). */
function geoConvert(args: string[], lines: string[]): string[] {
  const r = spawnSync('GeoConvert', args, { input: `${lines.join('\n')}\n`, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  const out = r.stdout.split('\n');
  if (out.at(-1) === '') out.pop();
  assert.equal(
    out.length,
    lines.length,
    `GeoConvert ${args.join(' ')} answered ${out.length} lines for ${lines.length}`,
  );
  return out;
}

/** Seeded points: 2,500 over Iraq and its borders, 1,500 worldwide (UTM and polar UPS), as 8-decimal strings both sides parse alike. */
function samplePoints(): { lon: number; lat: number; text: string }[] {
  const random = mulberry32(20261123);
  const points: { lon: number; lat: number; text: string }[] = [];
  const add = (lon: number, lat: number) => {
    const lonText = lon.toFixed(8);
    const latText = lat.toFixed(8);
    points.push({ lon: Number(lonText), lat: Number(latText), text: `${latText} ${lonText}` });
  };
  for (let i = 0; i < 2500; i++) add(38.7 + random() * 10, 29 + random() * 8.5);
  for (let i = 0; i < 1500; i++) add(-180 + random() * 360, -90 + random() * 180);
  // Edges: zone and band boundaries, the Norway and Svalbard exceptions, the UTM/UPS switch.
  for (const [lon, lat] of [
    [42, 36],
    [48, 32],
    [44.999999, 35.5],
    [45, 40],
    [3.5, 60],
    [9, 75],
    [21, 78],
    [33, 79],
    [0, 84],
    [0, 83.99999],
    [10, -80],
    [10, -79.99999],
    [180, 0],
    [-180, 10],
    [0, 0],
  ]) {
    add(lon, lat);
  }
  return points;
}

test('MGRS strings equal GeoConvert and reverse conversions agree within 1 m', (t) => {
  if (!geoConvertAvailable()) {
    if (process.env.CI) assert.fail(missing);
    t.skip(missing);
    return;
  }
  const points = samplePoints();
  for (const [precision, p] of [
    [5, '0'],
    [3, '-2'],
    [0, '-5'],
  ] as const) {
    const expected = geoConvert(
      ['-m', '-p', p],
      points.map((q) => q.text),
    );
    const mismatches: string[] = [];
    points.forEach((q, i) => {
      const ours = toMgrs(q.lon, q.lat, precision);
      if (ours !== expected[i]) mismatches.push(`${q.text}: ours ${ours}, GeoConvert ${expected[i]}`);
    });
    assert.deepEqual(
      mismatches.slice(0, 20),
      [],
      `${mismatches.length} of ${points.length} differ at precision ${precision}`,
    );

    // Reverse: the centre of each square, from both.
    const centres = geoConvert(['-g', '-p', '4'], expected);
    const far: string[] = [];
    expected.forEach((ref, i) => {
      const [lat, lon] = centres[i].split(/\s+/).map(Number);
      const ours = fromMgrs(ref);
      const metres = distanceKm([lon, lat], [ours.lon, ours.lat]) * 1000;
      if (!(metres <= 1)) far.push(`${ref}: ours ${ours.lon},${ours.lat}, GeoConvert ${lon},${lat} (${metres} m)`);
    });
    assert.deepEqual(far.slice(0, 20), [], `${far.length} reverse conversions differ by over 1 m`);
  }
});

test('references GeoConvert refuses, we refuse too', (t) => {
  if (!geoConvertAvailable()) {
    if (process.env.CI) assert.fail(missing);
    t.skip(missing);
    return;
  }
  const refs = ['38SMD123', '61SMD1234', '38IMD1234', '38SID1234', '38SAD1234', '38XMD1234', '38NMA1234', '38SMZ1234'];
  const answers = geoConvert(['-g'], refs);
  refs.forEach((ref, i) => {
    assert.match(answers[i], /^ERROR/, `GeoConvert accepted ${ref}`);
    assert.throws(() => fromMgrs(ref), /mgrs: /, ref);
  });
});
