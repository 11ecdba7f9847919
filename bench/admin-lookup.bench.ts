// Point-in-district lookups through the flatbush-indexed admin lookup against brute-force point in
// polygon over every district, on the 101 districts of Iraq (OCHA COD-AB, shared beside the repo).
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../src/demo/random.ts';
import type { Areal } from '../src/domain/geojson.ts';
import { buildAdminLookup, locateBruteForce } from '../src/geo/admin-lookup.ts';
import { iraqBoundaryFile } from '../test/harness/iraq-data.ts';
import { emit, median, time } from './harness.ts';

const indexedPoints = Number(process.env.BENCH_POINTS ?? 500_000);
const brutePoints = Math.max(1, Math.round(indexedPoints / 20));
const rounds = 3;

const doc = JSON.parse(readFileSync(iraqBoundaryFile(2), 'utf8')) as {
  features: { properties: { ADM2_PCODE: string }; geometry: Areal }[];
};
const districts = doc.features.map((f) => ({ pcode: f.properties.ADM2_PCODE, geometry: f.geometry }));

// Points over Iraq's bounding box: most fall in a district, some outside the country.
const random = mulberry32(42);
const points = Array.from({ length: indexedPoints }, () => [38.79 + random() * 9.8, 29.06 + random() * 8.32] as const);

let built = buildAdminLookup(districts);
const buildSeconds = median(
  Array.from({ length: rounds }, () =>
    time(() => {
      built = buildAdminLookup(districts);
    }),
  ),
);

let found = 0;
const results = Array.from({ length: rounds }, () => {
  const indexed = time(() => {
    for (const [lon, lat] of points) if (built.locate(lon, lat)) found++;
  });
  const answers: unknown[] = [];
  const brute = time(() => {
    for (let i = 0; i < brutePoints; i++) answers.push(locateBruteForce(districts, points[i][0], points[i][1]));
  });
  answers.forEach((a, i) => {
    if (a !== built.locate(points[i][0], points[i][1]))
      throw new Error(`index and brute force disagree at ${points[i]}`);
  });
  return { indexed: indexedPoints / indexed, brute: brutePoints / brute };
});
const value = median(results.map((r) => r.indexed));
const baseline = median(results.map((r) => r.brute));
emit({
  bench: 'admin_lookup_iraq_districts',
  value: Math.round(value),
  unit: 'lookups/s',
  baseline: Math.round(baseline),
  ratio: Number((value / baseline).toFixed(1)),
  districts: districts.length,
  points: indexedPoints,
  inside: Number((found / (rounds * indexedPoints)).toFixed(3)),
  build_ms: Number((buildSeconds * 1000).toFixed(2)),
  rounds,
  note: 'flatbush over polygon boxes then point in polygon on candidates; baseline: point in polygon over every district in turn; both answers are checked equal',
});
