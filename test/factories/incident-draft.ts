import { noCasualties } from '../../src/domain/incident.ts';
import type { DecodedRow } from '../../src/io/csv-incident-import.ts';

/** A valid imported row near Kirkuk, before the importer adds where it came from; any field can be replaced. */
export function makeDecodedRow(overrides: Partial<DecodedRow> = {}): DecodedRow {
  return {
    sourceId: 's1',
    type: 'ied',
    time: '2024-01-01T00:00:00.000Z',
    timePrecision: 'day',
    lon: 44,
    lat: 35,
    locationPrecision: 'exact',
    place: null,
    narrative: '',
    casualties: structuredClone(noCasualties),
    otherKilled: 0,
    fatalities: null,
    grading: null,
    exercise: false,
    ...overrides,
  };
}
