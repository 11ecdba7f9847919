/**
 * Which CoT events from the field are incident reports, and what they report. Pure.
 *
 * An event is a report when it carries Seam's marker — a `<seam type="<incident type>"/>` detail
 * element, or remarks starting with `#seam <incident type>` — or, without one, when its CoT type
 * is one a field unit uses to mark an incident: a hostile ground marker placed by hand (`a-h-G…`,
 * `how` h-…) is a sighting; a casualty (`b-r-f-h-c`, TAK's CASEVAC marker) is reported as `other`
 * with the casualty said in the narrative. Events Seam sent itself (uid `seam.…`) are never reports.
 */

import { type IncidentType, isIncidentType } from '../domain/taxonomy.ts';
import { childElement, textOf, type XmlElement } from '../io/xml-reader.ts';
import type { CotEvent } from './event.ts';
import { parseCotXmlTree } from './xml.ts';

export interface FieldReport {
  type: IncidentType;
  lon: number;
  lat: number;
  /** When it was seen: the event's time. */
  time: string;
  narrative: string;
}

const marker = /^\s*#seam\s+([a-z_]+)\b\s*/;

function detailTree(e: CotEvent): XmlElement | null {
  if (!e.detail.xmlDetail) return null;
  try {
    return parseCotXmlTree(`<detail>${e.detail.xmlDetail}</detail>`);
  } catch {
    return null;
  }
}

/** The incident a CoT event reports, or null when it is no report. */
export function fieldReportOf(e: CotEvent): FieldReport | null {
  if (e.uid.startsWith('seam.')) return null;
  const detail = detailTree(e);
  const remarksEl = detail ? childElement(detail, 'remarks') : undefined;
  let remarks = remarksEl ? textOf(remarksEl).trim() : '';
  let type: IncidentType | null = null;
  const seamType = detail ? childElement(detail, 'seam')?.attrs.type : undefined;
  if (seamType !== undefined && isIncidentType(seamType)) type = seamType;
  const m = marker.exec(remarks);
  if (m && isIncidentType(m[1])) {
    type ??= m[1];
    remarks = remarks.slice(m[0].length).trim();
  }
  if (type === null) {
    if (e.type === 'b-r-f-h-c') {
      type = 'other';
      remarks = remarks ? `Casualty: ${remarks}` : 'Casualty reported';
    } else if (/^a-h-G(-|$)/.test(e.type) && e.how.startsWith('h-')) {
      type = 'sighting';
    } else {
      return null;
    }
  }
  const callsign = e.detail.contact?.callsign;
  const narrative = remarks || (callsign ? `Reported from TAK: ${callsign}` : 'Reported from TAK');
  return { type, lon: e.point.lon, lat: e.point.lat, time: e.time, narrative };
}
