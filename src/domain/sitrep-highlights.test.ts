import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type HighlightInput, sitrepHighlights } from './sitrep-highlights.ts';

const zero = { killed: 0, wounded: 0, abducted: 0 };
const quiet: HighlightInput = {
  incidents: { count: 4, previous: 4 },
  casualties: { incidents: 0, total: zero, civilians: zero },
  gap: { share: 0.3, km2: 300, previousShare: 0.3, previousKm2: 300, corridors: [], previousCorridors: [] },
  overdueRequests: 0,
  activityConflicts: 0,
};

test('a quiet period has no highlights', () => {
  assert.deepEqual(sitrepHighlights(quiet), []);
});

test('casualties, a new corridor, a wider gap, overdue requests, conflicts and more incidents each make a highlight', () => {
  const place = { name: null, mgrs: '38SMD0000000000' };
  const h = sitrepHighlights({
    incidents: { count: 10, previous: 4 },
    casualties: { incidents: 2, total: { killed: 1, wounded: 3, abducted: 0 }, civilians: { ...zero, wounded: 1 } },
    gap: {
      share: 0.35,
      km2: 350,
      previousShare: 0.3,
      previousKm2: 300,
      corridors: [
        { at: [44.0, 35.0], place },
        { at: [44.5, 35.5], place },
      ],
      previousCorridors: [[44.01, 35.0]],
    },
    overdueRequests: 2,
    activityConflicts: 1,
  });
  assert.deepEqual(
    h.map((x) => x.kind),
    ['casualties', 'new_corridors', 'gap_widened', 'overdue_requests', 'activity_conflicts', 'incidents_changed'],
  );
  assert.equal(h.find((x) => x.kind === 'new_corridors')?.count, 1, 'the corridor 1 km from last period’s is not new');
});

test('a narrower gap is a highlight; a change under one point is not', () => {
  const narrower = sitrepHighlights({ ...quiet, gap: { ...quiet.gap!, share: 0.2, km2: 200 } });
  assert.deepEqual(
    narrower.map((x) => x.kind),
    ['gap_narrowed'],
  );
  assert.deepEqual(sitrepHighlights({ ...quiet, gap: { ...quiet.gap!, share: 0.305 } }), []);
});
