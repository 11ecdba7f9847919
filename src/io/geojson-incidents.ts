/**
 * Incidents as a GeoJSON FeatureCollection of Points, with the wire names as properties, both ways.
 *
 * Import: each feature gives coordinates from its Point geometry ([lon, lat] or [lon, lat, alt];
 * `lon`/`lat` properties are ignored) and, from its properties, `type` (required), `time`
 * (required, ISO-8601 with a time zone), `time_precision` (default day) and `location_precision`
 * (default exact) as the API defaults them, `place`, `narrative`, `casualties` (wire shape),
 * `grading` (`B2`) and `exercise`. sourceId is `properties.source_id`, else `properties.id`, else
 * the feature's `id`; a feature with none is refused (a re-import could not be recognised).
 * Other properties (releasability, owner_org, verification…) are ignored: they are the importing
 * site's decision, not the file's. Errors name the feature by its 0-based index in `features`
 * and the property: `feature 12: properties.type: unknown incident type "x"`. A lone Feature is
 * read as a collection of one.
 *
 * Export: every wire field becomes a property, the feature `id` is the Seam id, the geometry a Point.
 */
import type { Casualties } from '../domain/incident.ts';
import {
  checkNarrative,
  FieldError,
  parseCasualties,
  parseGradingText,
  parseIsoDateTime,
  parseLat,
  parseLocationPrecision,
  parseLon,
  parsePlace,
  parseSourceId,
  parseTimePrecision,
  parseType,
} from './draft-fields.ts';
import type { IncidentDraft, RowError, RowResult } from './incident-draft.ts';
import type { IncidentWire } from './incident-wire.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function fatal(reason: string): RowResult {
  return { error: { line: 0, where: 'file', reason, fatal: true } };
}

/** Imports incidents from GeoJSON text; text that is not JSON is one fatal error. */
export function* importGeoJsonIncidents(text: string): Generator<RowResult> {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    yield fatal(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  yield* decodeGeoJsonIncidents(value);
}

/** Imports incidents from an already parsed GeoJSON value: one result per feature. */
export function* decodeGeoJsonIncidents(value: unknown): Generator<RowResult> {
  if (isObject(value) && value.type === 'Feature') {
    yield decodeFeature(value, 0);
    return;
  }
  if (!isObject(value) || value.type !== 'FeatureCollection') {
    yield fatal('expected a GeoJSON FeatureCollection');
    return;
  }
  if (!Array.isArray(value.features)) {
    yield fatal('expected a FeatureCollection with a "features" array');
    return;
  }
  for (let i = 0; i < value.features.length; i++) yield decodeFeature(value.features[i], i);
}

function decodeFeature(feature: unknown, index: number): RowResult {
  try {
    return { ok: featureDraft(feature, index) };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    const error: RowError = { line: 0, index, where: `feature ${index}`, field: e.field, reason: e.reason };
    return { error };
  }
}

/** A string property or null when absent/null; anything else is refused. */
function optionalString(props: Json, key: string): string | null {
  const v = props[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new FieldError(`properties.${key}`, `expected a string, got ${typeName(v)}`);
  return v;
}

function requiredString(props: Json, key: string): string {
  const v = optionalString(props, key);
  if (v === null) throw new FieldError(`properties.${key}`, 'missing');
  return v;
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

function coordinates(feature: Json): [number, number] {
  const g = feature.geometry;
  if (!isObject(g)) throw new FieldError('geometry', 'expected a Point geometry');
  if (g.type !== 'Point') {
    throw new FieldError(
      'geometry.type',
      `expected Point, got ${typeof g.type === 'string' ? JSON.stringify(g.type.slice(0, 40)) : typeName(g.type)}`,
    );
  }
  const c = g.coordinates;
  if (!Array.isArray(c) || c.length < 2 || c.length > 3 || !c.every((n) => typeof n === 'number')) {
    throw new FieldError('geometry.coordinates', 'expected [lon, lat] or [lon, lat, altitude] numbers');
  }
  return [parseLon(c[0], 'geometry.coordinates[0]'), parseLat(c[1], 'geometry.coordinates[1]')];
}

function sourceIdOf(feature: Json, props: Json): string {
  for (const [value, field] of [
    [props.source_id, 'properties.source_id'],
    [props.id, 'properties.id'],
    [feature.id, 'id'],
  ] as const) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') throw new FieldError(field, `expected a string, got ${typeName(value)}`);
    return parseSourceId(value, field);
  }
  throw new FieldError(
    'properties.source_id',
    'missing: give properties.source_id, properties.id or the feature an id',
  );
}

function featureDraft(feature: unknown, index: number): IncidentDraft {
  if (!isObject(feature) || feature.type !== 'Feature') throw new FieldError('type', 'expected a GeoJSON Feature');
  const [lon, lat] = coordinates(feature);
  const props = feature.properties;
  if (!isObject(props)) throw new FieldError('properties', 'expected an object of incident fields');
  const type = parseType(requiredString(props, 'type'), 'properties.type');
  const time = parseIsoDateTime(requiredString(props, 'time'), 'properties.time');
  const tp = optionalString(props, 'time_precision');
  const lp = optionalString(props, 'location_precision');
  const place = optionalString(props, 'place');
  const grading = optionalString(props, 'grading');
  const exercise = props.exercise ?? false;
  if (typeof exercise !== 'boolean') throw new FieldError('properties.exercise', 'expected true or false');
  const casualties: Casualties =
    props.casualties === undefined || props.casualties === null
      ? { forces: [], civilians: { killed: 0, wounded: 0, abducted: 0 } }
      : parseCasualties(props.casualties, 'properties.casualties');
  return {
    format: 'geojson',
    line: 0,
    index,
    sourceId: sourceIdOf(feature, props),
    type,
    time,
    timePrecision: tp === null ? 'day' : parseTimePrecision(tp, 'properties.time_precision'),
    lon,
    lat,
    locationPrecision: lp === null ? 'exact' : parseLocationPrecision(lp, 'properties.location_precision'),
    place: place === null ? null : parsePlace(place, 'properties.place'),
    narrative: checkNarrative(optionalString(props, 'narrative') ?? '', 'properties.narrative'),
    casualties,
    otherKilled: 0,
    fatalities: null,
    grading: grading === null ? null : parseGradingText(grading, 'properties.grading'),
    exercise,
  };
}

export interface IncidentFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: IncidentWire;
}

/** One incident as a GeoJSON Point feature carrying every wire field. */
export function toIncidentFeature(w: IncidentWire): IncidentFeature {
  return { type: 'Feature', id: w.id, geometry: { type: 'Point', coordinates: [w.lon, w.lat] }, properties: { ...w } };
}

/** Incidents as a FeatureCollection object. */
export function toIncidentFeatureCollection(incidents: Iterable<IncidentWire>) {
  return { type: 'FeatureCollection' as const, features: Array.from(incidents, toIncidentFeature) };
}

/** The same FeatureCollection as JSON text in pieces, one feature per piece, for streaming a large export. */
export function* formatIncidentFeatureCollection(incidents: Iterable<IncidentWire>): Generator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for (const w of incidents) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(toIncidentFeature(w))}`;
    first = false;
  }
  yield '\n]}\n';
}
