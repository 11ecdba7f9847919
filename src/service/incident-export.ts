import type { Incident } from '../domain/incident.ts';
import { formatAcledCsv } from '../io/acled.ts';
import { formatIncidentFeatureCollection } from '../io/geojson-incidents.ts';
import type { IncidentWire } from '../io/incident-wire.ts';
import { formatKml } from '../io/kml.ts';
import type { IncidentCursor, IncidentFilter } from '../store/incidents.ts';
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
 * time as the export needs them. Tearlines are not exported: an export is a copy of records, and a
 * tearline is not one. The formats are written as plain generators over records; `fill` reads the
 * next page before the format is asked for more text, so it never finds the buffer empty early.
 */
function visibleRecords(store: Store, actor: Actor, filter: IncidentFilter) {
  const buffer: Incident[] = [];
  let at = 0;
  let cursor: IncidentCursor | null = null;
  let exhausted = false;
  return {
    async fill(): Promise<void> {
      while (at === buffer.length && !exhausted) {
        const page = await listIncidents(store, actor, filter, cursor, 1000);
        buffer.length = 0;
        at = 0;
        for (const s of page.items) if (s.seen === 'record') buffer.push(s.incident);
        cursor = page.next;
        exhausted = cursor === null;
      }
    },
    *records(): Generator<Incident> {
      for (;;) {
        if (at === buffer.length) {
          if (exhausted) return;
          throw new Error('an export format read ahead of the records fetched for it');
        }
        yield buffer[at++];
      }
    },
  };
}

/**
 * An export as text pieces to stream: GeoJSON, CSV in ACLED's column layout (formulas
 * neutralised, with a byte order mark so spreadsheets read Arabic and Kurdish right) or KML.
 * Every export is audited when it ends, with what was asked and how many records left.
 */
export async function* exportIncidents(
  store: Store,
  actor: Actor,
  filter: IncidentFilter,
  format: ExportFormat,
  present: (i: Incident) => IncidentWire,
): AsyncGenerator<string> {
  let count = 0;
  let completed = false;
  const source = visibleRecords(store, actor, filter);
  const wires = (function* () {
    for (const i of source.records()) {
      count++;
      yield present(i);
    }
  })();
  const text =
    format === 'geojson'
      ? formatIncidentFeatureCollection(wires)
      : format === 'csv'
        ? formatAcledCsv(wires, { byteOrderMark: true })
        : formatKml(wires);
  try {
    for (;;) {
      await source.fill();
      const piece = text.next();
      if (piece.done) break;
      yield piece.value;
    }
    completed = true;
  } finally {
    await store.write(actor.userId, (tx) =>
      tx.audit({ action: 'incidents.export', detail: { format, filter, count, completed } }),
    );
  }
}
