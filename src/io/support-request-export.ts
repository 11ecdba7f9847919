/**
 * Support requests as files: a GeoJSON FeatureCollection of Points (every wire field a property,
 * the MEDEVAC lines as one nested object) and a CSV with one row per request (the MEDEVAC lines
 * flattened into columns), formulas neutralised and a byte order mark for spreadsheets.
 */
import type { SupportRequestWire } from '../domain/records/support-request.ts';
import { type CsvCell, formatCsv } from './csv.ts';

/** The requests as a GeoJSON FeatureCollection. */
export function formatSupportRequestsGeoJson(requests: readonly SupportRequestWire[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: requests.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: r,
    })),
  });
}

const plainColumns = [
  'id',
  'kind',
  'requester_org',
  'addressed_org',
  'addressed_jcc',
  'priority',
  'respond_by',
  'overdue',
  'state',
  'lon',
  'lat',
  'mgrs',
  'needed_at',
  'needed_until',
  'details',
  'linked_incident',
  'releasability',
  'responder_org',
  'decline_reason',
  'question',
  'answer',
  'assigned_unit',
  'cancel_reason',
  'accepted_at',
  'completed_at',
  'escalated_at',
  'created_at',
  'updated_at',
  'version',
] as const satisfies readonly (keyof SupportRequestWire)[];

const medevacColumns = [
  'medevac_frequency',
  'medevac_call_sign',
  'medevac_urgent',
  'medevac_urgent_surgical',
  'medevac_priority',
  'medevac_routine',
  'medevac_convenience',
  'medevac_equipment',
  'medevac_litter',
  'medevac_ambulatory',
  'medevac_security',
  'medevac_marking',
  'medevac_own_military',
  'medevac_own_civilian',
  'medevac_partner_military',
  'medevac_partner_civilian',
  'medevac_detainee',
  'medevac_nbc',
  'medevac_terrain',
] as const;

function medevacCells(m: SupportRequestWire['medevac']): CsvCell[] {
  if (m === null) return medevacColumns.map(() => null);
  const p = m.patients_by_precedence;
  const s = m.patients_by_status;
  return [
    m.frequency,
    m.call_sign,
    p.urgent,
    p.urgent_surgical,
    p.priority,
    p.routine,
    p.convenience,
    m.equipment.join(' '),
    m.litter,
    m.ambulatory,
    m.security,
    m.marking,
    s.own_military,
    s.own_civilian,
    s.partner_military,
    s.partner_civilian,
    s.detainee,
    m.nbc,
    m.terrain,
  ];
}

/** The requests as CSV, one row each, with a header row. */
export function formatSupportRequestsCsv(requests: readonly SupportRequestWire[]): string {
  const rows: CsvCell[][] = [[...plainColumns, ...medevacColumns]];
  for (const r of requests) rows.push([...plainColumns.map((c) => r[c]), ...medevacCells(r.medevac)]);
  return formatCsv(rows, { byteOrderMark: true });
}
