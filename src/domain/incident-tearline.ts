import type { Position } from './geojson.ts';
import { type CasualtyCounts, casualtyTotals, type Incident } from './incident.ts';
import { formatReleasability } from './releasability.ts';
import type { Tearline } from './tearline.ts';

/** What a user who may see only the tearline is given: nothing more. */
export interface TearlineView {
  id: string;
  type: Incident['type'];
  date: string;
  location: Position;
  area: string | null;
  casualties: CasualtyCounts;
  summary: string | null;
  releasability: string;
  /** Synthetic exercise data stays marked as such, whoever sees it. */
  exercise: boolean;
}

/**
 * The tearline view of an incident: its type, the day, the location snapped to `coarse` (a grid
 * cell centre or a district's point), an area name when known, casualty totals and the summary.
 */
export function tearlineView(i: Incident, tearline: Tearline, coarse: Position, area: string | null): TearlineView {
  return {
    id: i.id,
    type: i.type,
    date: i.time.slice(0, 10),
    location: coarse,
    area,
    casualties: casualtyTotals(i.casualties),
    summary: tearline.summary,
    releasability: formatReleasability(tearline.releasability),
    exercise: i.exercise,
  };
}
