import { invalid } from '../domain/errors.ts';
import type { Areal, Geometry, LineString } from '../domain/geojson.ts';
import type { PatrolSchedule } from '../domain/presence.ts';
import type { CoverageSource } from './coverage.ts';
import type { GapIncident, GapReportInput, GapReportOptions } from './gap-report.ts';

/** A GeoJSON Feature as read from a file (properties are free-form). */
export interface LooseFeature {
  type: 'Feature';
  id?: string | number;
  geometry: Geometry | null;
  properties?: Record<string, unknown> | null;
}

/** The presence records open before any window: a record without `from` has always been active. */
export const alwaysActiveFrom = '0001-01-01T00:00:00.000Z';

const kindOf = { checkpoint: 'checkpoint', patrol: 'patrol', aor: 'unit_aor', unit_aor: 'unit_aor' } as const;

const text = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;

function featureList(fc: unknown, field: string): LooseFeature[] {
  const f = fc as { type?: string; features?: unknown };
  if (f?.type !== 'FeatureCollection' || !Array.isArray(f.features))
    throw invalid(field, 'must be a GeoJSON FeatureCollection');
  return f.features as LooseFeature[];
}

/**
 * Presence records from GeoJSON features (the `seam gaps` file format): `kind` checkpoint (Point, `radius_km`), patrol
 * (LineString, `buffer_km`, optional `schedule` {days, start, end}) or aor (Polygon); `org`; optional `from`/`to` ISO
 * times and `name`. Ids come from the feature id, `properties.id`, or the position in the file.
 */
export function presenceFromFeatures(features: readonly LooseFeature[], field = 'presence'): CoverageSource[] {
  return features.map((f, i) => {
    const p = f?.properties ?? {};
    const kind = kindOf[p.kind as keyof typeof kindOf];
    if (!kind) throw invalid(`${field}[${i}].kind`, 'must be checkpoint, patrol or aor');
    const org = text(p.org);
    if (!org) throw invalid(`${field}[${i}].org`, 'is required');
    const km = kind === 'checkpoint' ? p.radius_km : kind === 'patrol' ? p.buffer_km : 0;
    if (typeof km !== 'number')
      throw invalid(`${field}[${i}].${kind === 'checkpoint' ? 'radius_km' : 'buffer_km'}`, 'must be a number of km');
    const id = text(f.id) ?? text(p.id) ?? `${field}-${i + 1}`;
    return {
      id,
      org,
      name: text(p.name) ?? id,
      kind,
      geometry: f.geometry as CoverageSource['geometry'],
      km,
      activeFrom: text(p.from) ?? alwaysActiveFrom,
      activeTo: text(p.to),
      schedule: kind === 'patrol' && p.schedule ? (p.schedule as PatrolSchedule) : null,
    };
  });
}

/** Incidents from GeoJSON Point features: optional `weight` (default 1), `type`, `time`; ids as for presence. */
export function incidentsFromFeatures(features: readonly LooseFeature[], field = 'incidents'): GapIncident[] {
  return features.map((f, i) => {
    const g = f?.geometry;
    if (g?.type !== 'Point') throw invalid(`${field}[${i}].geometry`, 'an incident must be a Point');
    const p = f.properties ?? {};
    const weight = p.weight === undefined || p.weight === null ? 1 : p.weight;
    if (typeof weight !== 'number') throw invalid(`${field}[${i}].weight`, 'must be a number');
    return {
      id: text(f.id) ?? text(p.id) ?? `${field}-${i + 1}`,
      lon: g.coordinates[0],
      lat: g.coordinates[1],
      weight,
      time: text(p.time),
      type: text(p.type),
    };
  });
}

/**
 * A whole analysis input from one FeatureCollection whose features carry `kind`: one `line` (LineString), at most one
 * `zone` (Polygon/MultiPolygon), presence (checkpoint, patrol, aor), `incident` Points and `jcc` areas (with `code`)
 * for the per-AOR breakdown; and a foreign member `seam`: {window: {from, to}, zone_km?, options?}.
 */
export function gapInputFromGeoJson(fc: unknown): GapReportInput {
  const features = featureList(fc, 'input');
  const seam = ((fc as { seam?: unknown }).seam ?? {}) as {
    window?: { from: string; to: string };
    zone_km?: number;
    options?: GapReportOptions;
  };
  const byKind = (k: string[]) => features.filter((f) => k.includes(String(f?.properties?.kind)));
  const lines = byKind(['line']);
  if (lines.length !== 1) throw invalid('line', 'give exactly one feature of kind "line"');
  const zones = byKind(['zone']);
  if (zones.length > 1) throw invalid('zone', 'give at most one feature of kind "zone"');
  if (!seam.window) throw invalid('window', 'the collection needs seam.window {from, to}');
  return {
    line: lines[0].geometry as LineString,
    zone: zones.length ? (zones[0].geometry as Areal) : null,
    zoneKm: seam.zone_km ?? null,
    presence: presenceFromFeatures(byKind(['checkpoint', 'patrol', 'aor', 'unit_aor'])),
    incidents: incidentsFromFeatures(byKind(['incident'])),
    aors: byKind(['jcc']).map((f, i) => {
      const code = text(f.properties?.code);
      if (!code) throw invalid(`aors[${i}].code`, 'is required');
      return { code, aor: f.geometry as Areal };
    }),
    window: seam.window,
    options: seam.options ?? {},
  };
}
