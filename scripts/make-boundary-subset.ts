/**
 * Writes the boundary subset that ships in assets/boundaries/iraq/ (the demo and the tests load it) from the full OCHA
 * COD-AB files: every governorate (ADM1) and the districts (ADM2) of the governorates the coordination line crosses,
 * each simplified by `simplifyAreal` (Douglas–Peucker, tolerance below) and its coordinates rounded to 4 decimals
 * (about 10 m).
 *
 *   node scripts/make-boundary-subset.ts [DIR_WITH_FULL_FILES]     (default ../shared/data/iraq)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Areal } from '../src/domain/geojson.ts';
import { simplifyAreal } from '../src/geo/simplify.ts';

/** The governorates whose districts ship: those the Kurdish Coordination Line runs through or along. */
export const lineGovernorates = ['IQG15', 'IQG09', 'IQG11', 'IQG13', 'IQG16', 'IQG10', 'IQG06'] as const;
const toleranceDeg = 0.004;
const outDir = join(import.meta.dirname, '../assets/boundaries/iraq');

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: Areal;
}

const keptProperties = [
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

function simplify(feature: Feature): Feature {
  const geometry = simplifyAreal(feature.geometry, toleranceDeg, 4);
  if (!geometry)
    throw new Error(
      `${feature.properties.ADM2_PCODE ?? feature.properties.ADM1_PCODE}: no area left after simplifying`,
    );
  const p = feature.properties;
  const properties = Object.fromEntries(keptProperties.filter((k) => k in p).map((k) => [k, p[k]]));
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
