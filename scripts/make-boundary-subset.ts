/**
 * Writes the boundary subset that ships in assets/boundaries/iraq/ (the demo and the tests load it) from the full OCHA
 * COD-AB files: every governorate (ADM1) and the districts (ADM2) of the governorates the coordination line crosses,
 * each ring simplified (Douglas–Peucker, tolerance below) and its coordinates rounded to 4 decimals (about 10 m).
 *
 *   node scripts/make-boundary-subset.ts [DIR_WITH_FULL_FILES]     (default ../shared/data/iraq)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The governorates whose districts ship: those the Kurdish Coordination Line runs through or along. */
export const lineGovernorates = ['IQG15', 'IQG09', 'IQG11', 'IQG13', 'IQG16', 'IQG10', 'IQG06'] as const;
const toleranceDeg = 0.004;
const outDir = join(import.meta.dirname, '../assets/boundaries/iraq');

type Position = [number, number];
type Ring = Position[];
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

function perpendicular(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function douglasPeucker(points: Position[], tolerance: number): Position[] {
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [number, number];
    let worst = -1;
    let worstAt = -1;
    for (let i = from + 1; i < to; i++) {
      const d = perpendicular(points[i], points[from], points[to]);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    if (worst > tolerance) {
      keep[worstAt] = 1;
      stack.push([from, worstAt], [worstAt, to]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round = (p: Position): Position => [Math.round(p[0] * 1e4) / 1e4, Math.round(p[1] * 1e4) / 1e4];

/** A closed ring, simplified; the ring as it was (rounded) where simplifying would leave fewer than 4 positions. */
function simplifyRing(ring: Ring): Ring {
  const rounded = ring.map(round).filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0] || p[1] !== all[i - 1][1]);
  const simple = douglasPeucker(rounded, toleranceDeg);
  return simple.length >= 4 ? simple : rounded;
}

function simplify(feature: Feature): Feature {
  const g = feature.geometry;
  const geometry =
    g.type === 'Polygon'
      ? { type: 'Polygon' as const, coordinates: g.coordinates.map(simplifyRing) }
      : { type: 'MultiPolygon' as const, coordinates: g.coordinates.map((poly) => poly.map(simplifyRing)) };
  const keep = [
    'ADM0_EN',
    'ADM0_AR',
    'ADM0_PCODE',
    'ADM1_EN',
    'ADM1_AR',
    'ADM1_PCODE',
    'ADM2_EN',
    'ADM2_AR',
    'ADM2_PCODE',
    'validOn',
  ];
  const properties = Object.fromEntries(
    keep.filter((k) => k in feature.properties).map((k) => [k, feature.properties[k]]),
  );
  return { type: 'Feature', properties, geometry };
}

function write(name: string, features: Feature[]): void {
  const text = `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
  writeFileSync(join(outDir, name), text);
  console.log(`${name}: ${features.length} features, ${Math.round(text.length / 1024)} KiB`);
}

const fullDir = process.argv[2] ?? join(import.meta.dirname, '../../shared/data/iraq');
const read = (level: 1 | 2): Feature[] =>
  JSON.parse(readFileSync(join(fullDir, `irq_admbnda_adm${level}_cso_20190603.geojson`), 'utf8')).features;

write('governorates.geojson', read(1).map(simplify));
write(
  'districts.geojson',
  read(2)
    .filter((f) => (lineGovernorates as readonly string[]).includes(String(f.properties.ADM1_PCODE)))
    .map(simplify),
);
