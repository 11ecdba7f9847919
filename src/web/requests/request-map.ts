import type { FeatureCollection, Point } from 'geojson';
import { supportRequestPriorities } from '../../domain/support-request.ts';
import { overdueAt } from './request-rules.ts';
import type { SupportRequest } from './request-types.ts';

/** The colour of each priority, on the map and in its legend (the board's badges use the same). */
export const priorityColours: Record<(typeof supportRequestPriorities)[number], string> = {
  urgent: '#c62828',
  priority: '#ef6c00',
  routine: '#1565c0',
};

/** A MapLibre expression colouring a request point by its priority. */
export function priorityColourExpression(): unknown[] {
  return ['match', ['get', 'priority'], ...supportRequestPriorities.flatMap((p) => [p, priorityColours[p]]), '#4a5568'];
}

const closed = new Set(['done', 'declined', 'cancelled']);

/** The requests the reader may see as map points: priority, whether still open, whether overdue. */
export function requestFeatures(requests: Iterable<SupportRequest>, now: number): FeatureCollection<Point> {
  const features: FeatureCollection<Point>['features'] = [];
  for (const r of requests)
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: {
        id: r.id,
        priority: r.priority,
        open: closed.has(r.state) ? 0 : 1,
        overdue: overdueAt(r, now) ? 1 : 0,
      },
    });
  return { type: 'FeatureCollection', features };
}
