import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SeamError } from '../domain/errors.ts';
import { distanceKm } from './distance.ts';
import { fromMgrs, toMgrs } from './mgrs.ts';

const gridZone = (ref: string) => /^\d*[A-Z]/.exec(ref)?.[0];
const metres = (a: [number, number], b: [number, number]) => distanceKm(a, b) * 1000;

test('known references: a point in Kirkuk and the GeoConvert manual example', () => {
  assert.equal(toMgrs(44.39, 35.47), '38SME4465625337');
  assert.equal(toMgrs(44.39, 35.47, 2), '38SME4425');
  assert.equal(toMgrs(44.39, 35.47, 0), '38SME');
  const p = fromMgrs('38SMB4488');
  assert.equal(p.precisionM, 1000);
  assert.ok(Math.abs(p.lat - 33.33424) < 5e-6 && Math.abs(p.lon - 44.40363) < 5e-6, JSON.stringify(p));
});

test('spaces and lower case are accepted', () => {
  assert.deepEqual(fromMgrs(' 38smd 78489 26063 '), fromMgrs('38SMD7848926063'));
  assert.deepEqual(fromMgrs('38 S MD 784 260'), fromMgrs('38SMD784260'));
  assert.equal(fromMgrs('38SMD784260').precisionM, 100);
});

test('a point and the centre of its square are within half a square diagonal, at every precision', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -180, max: 180, noNaN: true }),
      fc.double({ min: -79.9, max: 83.9, noNaN: true }),
      fc.integer({ min: 0, max: 5 }),
      (lon, lat, precision) => {
        const ref = toMgrs(lon, lat, precision);
        const back = fromMgrs(ref);
        assert.equal(back.precisionM, 10 ** (5 - precision));
        // Half the diagonal of the square, stretched by at most UTM's scale factor near a zone edge.
        assert.ok(metres([lon, lat], [back.lon, back.lat]) <= back.precisionM * 0.7072 * 1.001, ref);
        // The centre of a square names the same square again, unless the square is cut by a grid zone
        // edge and its centre lies in the next zone.
        const again = toMgrs(back.lon, back.lat, precision);
        if (again !== ref) assert.notEqual(gridZone(again), gridZone(ref), `${ref} -> ${again}`);
      },
    ),
    { numRuns: 3000 },
  );
});

test('the polar regions use UPS references and come back', () => {
  for (const [lon, lat] of [
    [0, 89],
    [-120, -85.5],
    [45, 84.5],
  ] as const) {
    const ref = toMgrs(lon, lat);
    assert.match(ref, /^[ABYZ]/);
    const back = fromMgrs(ref);
    assert.ok(metres([lon, lat], [back.lon, back.lat]) < 1, ref);
  }
});

test('invalid references are refused on field mgrs with a reason', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['hello', /not zone, band, two square letters and digits/],
    ['38-SMD', /not zone, band/],
    ['61SMD1234', /zone 61 is not a UTM zone/],
    ['0SMD1234', /zone 0 is not a UTM zone/],
    ['38IMD1234', /band letter I is not a latitude band/],
    ['38AMD1234', /band letter A is not a latitude band/],
    ['MDA1234', /no zone number, and M is not a polar \(UPS\) band/],
    ['ZA1234', /needs the two 100 km square letters/],
    ['38S', /needs the two 100 km square letters/],
    ['38SM1234', /needs the two 100 km square letters/],
    ['38SID1234', /I and O are never used/],
    ['38SMO1234', /I and O are never used/],
    ['38SAD1234', /column letter A is not used in grid zone 38S/],
    ['38SMZ1234', /row letter Z is not a square row letter/],
    ['38SMD123', /odd number of digits \(3\)/],
    ['38SMD7848926063X', /not zone, band/],
    ['38XMD1234', /100 km square MD does not exist in grid zone 38X/],
    ['38NMA1234', /100 km square MA does not exist in grid zone 38N/],
    [`38SMD${'1'.repeat(24)}`, /more than 11 digits/],
  ];
  for (const [text, reason] of cases) {
    assert.throws(
      () => fromMgrs(text),
      (err: unknown) => {
        assert.ok(err instanceof SeamError, `${text}: ${err}`);
        assert.equal(err.code, 'validation');
        assert.equal(err.issues[0].field, 'mgrs');
        assert.match(err.issues[0].reason, reason, text);
        return true;
      },
    );
  }
});

test('toMgrs refuses coordinates and precisions out of range', () => {
  assert.throws(() => toMgrs(181, 0), /lon: must be a number from -180 to 180/);
  assert.throws(() => toMgrs(0, Number.NaN), /lat: must be a number from -90 to 90/);
  assert.throws(() => toMgrs(44, 35, 6), /precision: must be a whole number/);
  assert.throws(() => toMgrs(44, 35, 2.5), /precision: must be a whole number/);
});
