import { invalid } from '../domain/errors.ts';
import type { Areal, LineString, Position } from '../domain/geojson.ts';
import { maxCoverageKm } from '../domain/presence.ts';
import { bufferKm } from './buffer.ts';
import { type H3StudyArea, h3StudyArea } from './h3-study-area.ts';
import { type LineLocator, lineLocator } from './line-side.ts';
import { polygonsOf } from './planar-segments.ts';
import { repairAreal } from './polygon-repair.ts';
import { type ClassifiedBoundary, classifyZoneBoundary } from './zone-edges.ts';
import { prepareZone, type ZoneFrame } from './zone-frame.ts';

/** The coordination line and its zone: a drawn zone, or a buffer of `zoneKm` each side of the line. */
export interface GapZoneInput {
  line: LineString;
  zone?: Areal | null;
  zoneKm?: number | null;
}

/**
 * The parts of the analysis that depend only on the line and the zone (projection, edges, H3 study areas), so a
 * series over many windows (`--every 1d`) prepares them once. H3 study areas are built on first use and kept.
 */
export interface PreparedGapZone {
  key: string;
  frame: ZoneFrame;
  line: LineString;
  planarLine: Position[];
  locator: LineLocator;
  boundary: ClassifiedBoundary;
  zoneProblem: string | null;
  study(resolution: number, k: number): H3StudyArea;
}

/** A 32-bit FNV-1a fingerprint of the line, zone and zone width, to catch a prepared zone reused for another. */
export function gapZoneKey(input: GapZoneInput): string {
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  let h = 0x811c9dc5;
  const mix = (x: number) => {
    f64[0] = x;
    h = Math.imul(h ^ u32[0], 0x01000193) >>> 0;
    h = Math.imul(h ^ u32[1], 0x01000193) >>> 0;
  };
  const pair = ([x, y]: Position) => {
    mix(x);
    mix(y);
  };
  input.line.coordinates.forEach(pair);
  mix(input.zoneKm ?? -1);
  if (input.zone) for (const rings of polygonsOf(input.zone)) for (const ring of rings) ring.forEach(pair);
  return h.toString(16);
}

function checkLine(line: LineString): void {
  if (line?.type !== 'LineString' || !Array.isArray(line.coordinates) || line.coordinates.length < 2)
    throw invalid('line', 'must be a GeoJSON LineString with at least two positions');
  for (const p of line.coordinates)
    if (
      !Array.isArray(p) ||
      !Number.isFinite(p[0]) ||
      !Number.isFinite(p[1]) ||
      Math.abs(p[0]) > 180 ||
      Math.abs(p[1]) > 90
    )
      throw invalid('line', 'has a position that is not a lon/lat pair');
}

/** Prepares the line and zone (validated; a self-intersecting zone is repaired) for one or many analyses. */
export function prepareGapZone(input: GapZoneInput): PreparedGapZone {
  checkLine(input.line);
  let zone: Areal;
  let zoneProblem: string | null = null;
  if (input.zone) {
    const fixed = repairAreal(input.zone, 'zone');
    zone = fixed.geometry;
    zoneProblem = fixed.problem;
  } else {
    const km = input.zoneKm;
    if (!(typeof km === 'number' && km > 0 && km <= maxCoverageKm))
      throw invalid('zoneKm', `give a zone, or a zone width of more than 0 and at most ${maxCoverageKm} km each side`);
    zone = bufferKm(input.line, km);
  }
  const frame = prepareZone(zone);
  const planarLine = input.line.coordinates.map(frame.projection.forward);
  const studies = new Map<string, H3StudyArea>();
  return {
    key: gapZoneKey(input),
    frame,
    line: input.line,
    planarLine,
    locator: lineLocator(input.line, frame.projection),
    boundary: classifyZoneBoundary(frame.planar, planarLine),
    zoneProblem,
    study(resolution, k) {
      const key = `${resolution}/${k}`;
      let s = studies.get(key);
      if (!s) {
        s = h3StudyArea(zone, resolution, k);
        studies.set(key, s);
      }
      return s;
    },
  };
}
