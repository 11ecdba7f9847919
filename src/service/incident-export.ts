import type { Incident } from '../domain/incident.ts';
import { formatAcledCsv } from '../io/acled.ts';
import { formatIncidentFeatureCollection } from '../io/geojson-incidents.ts';
import type { IncidentWire } from '../io/incident-wire.ts';
import { formatKml } from '../io/kml.ts';
import type { IncidentCursor, IncidentFilter } from '../store/incident-queries.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { listIncidents } from './incident-reads.ts';

export const exportFormats = ['geojson', 'csv', 'kml'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportMediaTypes: Record<ExportFormat, string> = {
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  kml: 'application/vnd.google-earth.kml+xml; charset=utf-8',
};

/**
 * The incidents matching the filter that the actor may see whole, newest first, read a page at a
 * time. Tearlines are not exported: an export is a copy of records, and a tearline is not one.
 */
function* visibleRecords(store: Store, actor: Actor, filter: IncidentFilter): Generator<Incident> {
  let cursor: IncidentCursor | null = null;
  do {
    const page = listIncidents(store, actor, filter, cursor, 1000);
    for (const s of page.items) if (s.seen === 'record') yield s.incident;
    cursor = page.next;
  } while (cursor);
}

/**
 * An export as text pieces to stream: GeoJSON, CSV in ACLED's column layout (formulas
 * neutralised, with a byte order mark so spreadsheets read Arabic and Kurdish right) or KML.
 * Every export is audited when it ends, with what was asked and how many records left.
 */
export function* exportIncidents(
  store: Store,
  actor: Actor,
  filter: IncidentFilter,
  format: ExportFormat,
  present: (i: Incident) => IncidentWire,
): Generator<string> {
  let count = 0;
  let completed = false;
  const wires = (function* () {
    for (const i of visibleRecords(store, actor, filter)) {
      count++;
      yield present(i);
    }
  })();
  try {
    if (format === 'geojson') yield* formatIncidentFeatureCollection(wires);
    else if (format === 'csv') yield* formatAcledCsv(wires, { byteOrderMark: true });
    else yield* formatKml(wires);
    completed = true;
  } finally {
    store.writes.write(actor.userId, (tx) =>
      tx.audit({ action: 'incidents.export', detail: { format, filter, count, completed } }),
    );
  }
}
