import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Polygon } from '../src/domain/geojson.ts';
import type { Presence } from '../src/domain/presence.ts';
import { newId } from '../src/store/ids.ts';
import { addPresence, eventually } from './harness/alerts.ts';
import { createFixture, startServer } from './harness/fixture.ts';

function box(w: number, s: number, e: number, n: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

function aor(id: string, org: string, geometry: Polygon): Presence {
  return {
    id,
    kind: 'unit_aor',
    org,
    name: id,
    geometry,
    activeFrom: '2025-01-01T00:00:00.000Z',
    activeTo: null,
    releasability: { scope: 'coalition' },
    exercise: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

test('an incident inside a corridor of the organisation’s latest gap analysis raises its corridor rule; one on covered ground does not', async (t) => {
  const { store } = await createFixture(t, { roles: ['reporter', 'analyst', 'viewer'] });
  // A line across the K1 AOR with a zone 0.1° each side; Peshmerga holds the west, ISF the east,
  // and between them (44.35–44.45) lies a strip no one covers, from one edge of the zone to the other.
  await store.write(null, (tx) =>
    tx.lines.insert({
      id: newId(),
      name: 'Test line',
      line: {
        type: 'LineString',
        coordinates: [
          [44.0, 35.5],
          [44.8, 35.5],
        ],
      },
      zoneKm: null,
      zone: box(44.0, 35.4, 44.8, 35.6),
      leftOrg: 'peshmerga',
      rightOrg: 'isf',
      exercise: false,
      createdAt: tx.at,
      updatedAt: tx.at,
    }),
  );
  await addPresence(
    store,
    aor('pesh-west', 'peshmerga', box(43.9, 35.3, 44.35, 35.7)),
    aor('isf-east', 'isf', box(44.45, 35.3, 44.9, 35.7)),
  );
  const s = await startServer(t, store);
  const analyst = await s.signIn('peshmerga-analyst');
  const viewer = await s.signIn('peshmerga-viewer');
  const reporter = await s.signIn('isf-reporter');

  const trend = await s.request(
    'GET',
    '/api/v1/gaps/trend?from=2026-02-27T00:00:00Z&to=2026-03-01T00:00:00Z&every=1d',
    { cookie: analyst },
  );
  assert.equal(trend.status, 200, trend.text);
  assert.ok(
    trend.body.items.every((w: { corridors: number }) => w.corridors === 1),
    trend.text,
  );
  const rule = await s.request('POST', '/api/v1/alert-rules', {
    cookie: analyst,
    json: { name: 'Corridors', kind: 'incident_in_corridor' },
  });
  assert.equal(rule.status, 201, rule.text);

  const report = async (lon: number) => {
    const r = await s.request('POST', '/api/v1/incidents', {
      cookie: reporter,
      json: { type: 'sighting', time: '2026-03-02T06:00:00Z', lon, lat: 35.5 },
    });
    assert.equal(r.status, 201, r.text);
    return r.body.id as string;
  };
  const covered = await report(44.2);
  const inCorridor = await report(44.4);
  const alert = await eventually(async () => {
    const r = await s.request('GET', '/api/v1/alerts', { cookie: viewer });
    return r.body.items.find((a: { subject: { id: string } }) => a.subject.id === inCorridor);
  }, 'the corridor alert');
  assert.equal(alert.match.kind, 'incident_in_corridor');
  assert.ok(alert.match.corridor_id);
  assert.ok(alert.match.gap_area_km2 > 0);
  assert.match(alert.text, /^Sighting \/ suspicious movement in a gap corridor on 2026-03-02 \(Corridors\)$/);
  const all = (await s.request('GET', '/api/v1/alerts', { cookie: viewer })).body.items;
  assert.ok(!all.some((a: { subject: { id: string } }) => a.subject.id === covered), 'covered ground raises nothing');
  assert.equal(all.length, 1);
});
