/**
 * Incidents as KML Placemarks, both ways.
 *
 * Import: every Placemark in the document (inside Document/Folder at any depth), counted from 0 in
 * document order; errors name it and its line: `placemark 3 (line 40): ExtendedData type: missing`.
 * - lon/lat ← Point/coordinates `lon,lat[,alt]` (exactly one tuple; other geometries are refused).
 * - type ← ExtendedData `type` (Data/value or SchemaData/SimpleData): required, never guessed.
 * - time ← TimeStamp/when, else ExtendedData `time`: a date-time with a time zone, or a date,
 *   `YYYY-MM` or `YYYY` (midnight UTC of its first day). A date-time without a zone is refused.
 * - timePrecision ← ExtendedData `time_precision`, else from the form of `when`: a year → year, a
 *   month → month, anything finer → day.
 * - locationPrecision ← ExtendedData `location_precision`, else exact (as the API defaults it).
 * - place ← ExtendedData `place` when present (empty = none), else `name`.
 * - narrative ← `description`, trimmed (an HTML description stays as text; whoever shows it escapes it).
 * - casualties ← ExtendedData `casualties` (the wire JSON), else `civilians_killed`,
 *   `civilians_wounded`, `civilians_abducted`; grading ← `grading`; exercise ← `exercise` (true/false).
 * - sourceId ← ExtendedData `source_id`, else `id`, else the Placemark's `id` attribute; required.
 * A document that is not well-formed XML, or whose root is not <kml>, is one fatal error.
 *
 * Export: a KML 2.2 Document, one Placemark per incident: name (place, else the type's label),
 * description (narrative), TimeStamp/when (time), Point, and ExtendedData with every other wire
 * field (`place` included, so a re-import keeps a null place null; casualties as JSON). All text is
 * escaped (see xml-escape.ts).
 */
import type { Casualties, TimePrecision } from '../domain/incident.ts';
import {
  checkNarrative,
  FieldError,
  parseCasualties,
  parseCount,
  parseGradingText,
  parseIsoDate,
  parseIsoDateTime,
  parseLat,
  parseLocationPrecision,
  parseLon,
  parsePlace,
  parseSourceId,
  parseTimePrecision,
  parseType,
  shown,
} from './draft-fields.ts';
import type { IncidentDraft, RowResult } from './incident-draft.ts';
import type { IncidentWire } from './incident-wire.ts';
import { escapeXmlAttr, escapeXmlText } from './xml-escape.ts';
import {
  childElement,
  childElements,
  descendants,
  parseXml,
  textOf,
  type XmlElement,
  XmlError,
  type XmlReadOptions,
} from './xml-reader.ts';

/** Imports incidents from KML text: one result per Placemark. */
export function* importKml(text: string, options?: XmlReadOptions): Generator<RowResult> {
  let root: XmlElement;
  try {
    root = parseXml(text, options);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    yield { error: { line: e.line, where: `line ${e.line}`, reason: `not well-formed XML: ${e.reason}`, fatal: true } };
    return;
  }
  if (root.name !== 'kml') {
    yield {
      error: {
        line: root.line,
        where: `line ${root.line}`,
        reason: `expected a <kml> document, found <${root.qname}>`,
        fatal: true,
      },
    };
    return;
  }
  const placemarks = descendants(root, 'Placemark');
  for (let index = 0; index < placemarks.length; index++) {
    const pm = placemarks[index];
    try {
      yield { ok: placemarkDraft(pm, index) };
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      const where = `placemark ${index} (line ${pm.line})`;
      yield { error: { line: pm.line, index, where, field: e.field, reason: e.reason } };
    }
  }
}

/** ExtendedData as name → value, from Data/value and SchemaData/SimpleData alike. */
function extendedData(pm: XmlElement): Map<string, string> {
  const data = new Map<string, string>();
  for (const ext of childElements(pm, 'ExtendedData')) {
    for (const d of childElements(ext, 'Data')) {
      const name = d.attrs.name;
      const value = childElement(d, 'value');
      if (name !== undefined && value) data.set(name, textOf(value));
    }
    for (const schemaData of childElements(ext, 'SchemaData')) {
      for (const sd of childElements(schemaData, 'SimpleData')) {
        if (sd.attrs.name !== undefined) data.set(sd.attrs.name, textOf(sd));
      }
    }
  }
  return data;
}

function whenOf(value: string, field: string): { time: string; precision: TimePrecision } {
  const t = value.trim();
  if (/^\d{4}$/.test(t)) return { time: parseIsoDate(`${t}-01-01`, field), precision: 'year' };
  if (/^\d{4}-\d{2}$/.test(t)) return { time: parseIsoDate(`${t}-01`, field), precision: 'month' };
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return { time: parseIsoDate(t, field), precision: 'day' };
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(t))
    throw new FieldError(field, `${shown(t)} has no time zone (add Z or ±hh:mm)`);
  return { time: parseIsoDateTime(t, field), precision: 'day' };
}

function pointOf(pm: XmlElement): [number, number] {
  const field = 'Point/coordinates';
  const point = childElement(pm, 'Point');
  if (!point) {
    const other = pm.children.find(
      (c): c is XmlElement =>
        typeof c !== 'string' && /^(LineString|Polygon|MultiGeometry|LinearRing|Model|Track|MultiTrack)$/.test(c.name),
    );
    throw new FieldError('Point', other ? `expected a Point, found <${other.qname}>` : 'missing');
  }
  const coords = childElement(point, 'coordinates');
  const tuples = coords ? textOf(coords).trim().split(/\s+/).filter(Boolean) : [];
  if (tuples.length !== 1) throw new FieldError(field, `expected one "lon,lat[,alt]", found ${tuples.length}`);
  const parts = tuples[0].split(',');
  if (parts.length < 2 || parts.length > 3)
    throw new FieldError(field, `expected "lon,lat[,alt]", got ${shown(tuples[0])}`);
  return [parseLon(parts[0], field), parseLat(parts[1], field)];
}

function casualtiesOf(data: Map<string, string>): Casualties {
  const json = data.get('casualties');
  if (json !== undefined && json.trim() !== '') {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw new FieldError('ExtendedData casualties', 'expected the JSON form {"forces":[…],"civilians":{…}}');
    }
    return parseCasualties(value, 'ExtendedData casualties');
  }
  const count = (k: string) => parseCount(data.get(k) ?? '', `ExtendedData ${k}`);
  return {
    forces: [],
    civilians: {
      killed: count('civilians_killed'),
      wounded: count('civilians_wounded'),
      abducted: count('civilians_abducted'),
    },
  };
}

function sourceIdOf(pm: XmlElement, data: Map<string, string>): string {
  for (const [value, field] of [
    [data.get('source_id'), 'ExtendedData source_id'],
    [data.get('id'), 'ExtendedData id'],
    [pm.attrs.id, 'Placemark id'],
  ] as const) {
    if (value !== undefined && value.trim() !== '') return parseSourceId(value, field);
  }
  throw new FieldError('ExtendedData source_id', 'missing: give ExtendedData source_id or id, or the Placemark an id');
}

function placemarkDraft(pm: XmlElement, index: number): IncidentDraft {
  const data = extendedData(pm);
  const [lon, lat] = pointOf(pm);
  const typeText = data.get('type');
  if (typeText === undefined) throw new FieldError('ExtendedData type', 'missing (the incident type is never guessed)');
  const type = parseType(typeText, 'ExtendedData type');
  const timeStamp = childElement(pm, 'TimeStamp');
  const whenEl = timeStamp && childElement(timeStamp, 'when');
  const whenText = whenEl ? textOf(whenEl) : data.get('time');
  if (whenText === undefined) throw new FieldError('TimeStamp/when', 'missing');
  const when = whenOf(whenText, whenEl ? 'TimeStamp/when' : 'ExtendedData time');
  const tp = data.get('time_precision');
  const lp = data.get('location_precision');
  const nameEl = childElement(pm, 'name');
  const placeText = data.get('place') ?? (nameEl ? textOf(nameEl) : '');
  const descEl = childElement(pm, 'description');
  const exercise = (data.get('exercise') ?? 'false').trim();
  if (exercise !== 'true' && exercise !== 'false')
    throw new FieldError('ExtendedData exercise', 'expected true or false');
  return {
    format: 'kml',
    line: pm.line,
    index,
    sourceId: sourceIdOf(pm, data),
    type,
    time: when.time,
    timePrecision:
      tp === undefined || tp.trim() === '' ? when.precision : parseTimePrecision(tp, 'ExtendedData time_precision'),
    lon,
    lat,
    locationPrecision:
      lp === undefined || lp.trim() === '' ? 'exact' : parseLocationPrecision(lp, 'ExtendedData location_precision'),
    place: parsePlace(placeText, data.has('place') ? 'ExtendedData place' : 'name'),
    narrative: checkNarrative(descEl ? textOf(descEl).trim() : '', 'description'),
    casualties: casualtiesOf(data),
    otherKilled: 0,
    fatalities: null,
    grading: parseGradingText(data.get('grading') ?? '', 'ExtendedData grading'),
    exercise: exercise === 'true',
  };
}

/** The wire fields that KML carries in its own elements rather than in ExtendedData. */
const nativeFields = new Set(['lon', 'lat', 'time', 'narrative']);

/** A coordinate in plain decimal notation (KML readers do not all take exponents). */
function coordinate(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(12).replace(/\.?0+$/, '') : s;
}

function dataValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One incident as a KML Placemark element. */
export function toKmlPlacemark(w: IncidentWire): string {
  const data = Object.entries(w)
    .filter(([k]) => !nativeFields.has(k))
    .map(([k, v]) => `      <Data name="${escapeXmlAttr(k)}"><value>${escapeXmlText(dataValue(v))}</value></Data>`);
  return [
    '  <Placemark>',
    `    <name>${escapeXmlText(w.place ?? w.type_label)}</name>`,
    `    <description>${escapeXmlText(w.narrative)}</description>`,
    `    <TimeStamp><when>${escapeXmlText(w.time)}</when></TimeStamp>`,
    '    <ExtendedData>',
    ...data,
    '    </ExtendedData>',
    `    <Point><coordinates>${coordinate(w.lon)},${coordinate(w.lat)}</coordinates></Point>`,
    '  </Placemark>',
    '',
  ].join('\n');
}

/** A KML document in pieces (head, one Placemark each, tail), for streaming a large export. */
export function* formatKml(incidents: Iterable<IncidentWire>, title = 'Seam incidents'): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n  <name>${escapeXmlText(title)}</name>\n`;
  for (const w of incidents) yield toKmlPlacemark(w);
  yield '</Document>\n</kml>\n';
}

/** A whole KML document. */
export function toKml(incidents: Iterable<IncidentWire>, title?: string): string {
  return Array.from(formatKml(incidents, title)).join('');
}
