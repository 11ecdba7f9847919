import { noEnrichment } from '../../src/domain/enrichment.ts';
import type { Incident } from '../../src/domain/incident.ts';
import { newId } from '../../src/store/ids.ts';

/** A complete, valid incident near Kirkuk; any field can be replaced. */
export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  const at = '2026-01-01T12:00:00.000Z';
  return {
    id: newId(),
    type: 'ied',
    time: at,
    timePrecision: 'day',
    lon: 44.39,
    lat: 35.47,
    locationPrecision: 'exact',
    place: null,
    narrative: 'test incident',
    casualties: { forces: [], civilians: { killed: 0, wounded: 0, abducted: 0 } },
    grading: null,
    releasability: { scope: 'partners' },
    tearline: null,
    verification: 'reported',
    review: null,
    duplicateOf: null,
    ownerOrg: 'isf',
    reporterId: null,
    jcc: null,
    enrichment: noEnrichment,
    source: 'seam',
    sourceId: null,
    exercise: false,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...overrides,
  };
}
