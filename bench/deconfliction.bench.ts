// Deconfliction of one new activity against 10,000 stored activities and 5,000 presence records
// (and recent incidents): the store's R*Tree prefilter on place and time, then the domain's rule,
// against the same rule run over every record with no prefilter, in the same run. The baseline is
// given every record already in memory (no reading at all), so the ratio is the prefilter's worth
// at its most modest. Both must find the same conflicts, or the run fails.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mulberry32 } from '../src/demo/random.ts';
import type { Activity, ActivityArea } from '../src/domain/activity.ts';
import { defaultDeconflictionRules } from '../src/domain/deconfliction.ts';
import type { Position } from '../src/domain/geojson.ts';
import type { Presence } from '../src/domain/presence.ts';
import { candidateQuery, conflictsAmong, deconflict } from '../src/service/deconfliction.ts';
import { addOrganisation } from '../src/service/organisations.ts';
import { newId } from '../src/store/ids.ts';
import { openStore } from '../src/store/store.ts';
import { makeIncident } from '../test/factories/incident.ts';
import { emit, scratchDir, timeAsync } from './harness.ts';

const activities = Number(process.env.BENCH_ACTIVITIES ?? process.env.BENCH_ROWS ?? 10_000);
const presenceCount = Number(process.env.BENCH_PRESENCE ?? Math.ceil(activities / 2));
const incidentCount = Number(process.env.BENCH_INCIDENTS ?? 2000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 200);
const random = mulberry32(12);
const between = (a: number, b: number) => a + (b - a) * random();
const orgs = ['isf', 'peshmerga', 'coalition'];
// A zone like the coordination line's: 600 km by 400 km, 90 days of plans.
const place = (): Position => [between(42, 48.5), between(33, 36.6)];
const t0 = Date.parse('2026-12-01T00:00:00Z');
const now = t0;

function area(): ActivityArea {
  const [lon, lat] = place();
  const shape = random();
  if (shape < 0.4)
    return { shape: 'point', geometry: { type: 'Point', coordinates: [lon, lat] }, radiusKm: between(0.5, 3) };
  if (shape < 0.8) {
    const points: Position[] = [[lon, lat]];
    for (let k = 0; k < 6; k++) points.push([points[k][0] + between(0.005, 0.03), points[k][1] + between(-0.02, 0.02)]);
    return { shape: 'route', geometry: { type: 'LineString', coordinates: points }, bufferKm: between(0.2, 1) };
  }
  const d = between(0.01, 0.05);
  const ring: Position[] = [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ];
  return { shape: 'polygon', geometry: { type: 'Polygon', coordinates: [ring] } };
}

function activity(k: number): Activity {
  const start = t0 + Math.floor(between(0, 90 * 24)) * 3_600_000;
  const recurring = random() < 0.2;
  return {
    id: newId(start),
    kind: 'patrol',
    ownerOrgs: [orgs[k % orgs.length]],
    unit: `unit ${k}`,
    area: area(),
    place: null,
    start: new Date(start).toISOString(),
    end: new Date(start + between(1, 8) * 3_600_000).toISOString(),
    recurrence: recurring ? { until: new Date(start + 14 * 86_400_000).toISOString().slice(0, 10) } : null,
    contact: null,
    jcc: null,
    releasability: { scope: 'partners' },
    tearline: null,
    state: 'notified',
    conflicts: [],
    conflictsOmitted: 0,
    notifications: [],
    approvals: [],
    deconflictedAt: null,
    createdBy: null,
    exercise: true,
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
    version: 1,
  };
}

function presence(k: number): Presence {
  const base = {
    id: newId(),
    org: orgs[k % orgs.length],
    name: `presence ${k}`,
    activeFrom: '2026-01-01T00:00:00.000Z',
    activeTo: null,
    releasability: { scope: 'partners' as const },
    exercise: true,
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
  };
  const [lon, lat] = place();
  if (k % 5 === 4) {
    const coordinates: Position[] = [
      [lon, lat],
      [lon + 0.05, lat + 0.01],
      [lon + 0.1, lat],
    ];
    return {
      ...base,
      kind: 'patrol',
      geometry: { type: 'LineString', coordinates },
      bufferKm: 1,
      schedule: { days: [1, 3, 5], start: '06:00', end: '12:00' },
    };
  }
  return {
    ...base,
    kind: 'checkpoint',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    radiusKm: between(0.5, 5),
  };
}

const store = openStore(join(scratchDir('seam-bench-deconfliction-'), 'seam.db'), { now: () => new Date(now) });
for (const code of orgs) await addOrganisation(store, code, code);
const stored: Activity[] = Array.from({ length: activities }, (_, k) => activity(k));
const standing: Presence[] = Array.from({ length: presenceCount }, (_, k) => presence(k));
const incidents = Array.from({ length: incidentCount }, (_, k) => {
  const [lon, lat] = place();
  return makeIncident({
    lon,
    lat,
    ownerOrg: orgs[k % 3],
    time: new Date(now - between(0, 10) * 86_400_000).toISOString(),
    source: 'bench',
    sourceId: String(k),
  });
});
await store.write(null, async (tx) => {
  for (const a of stored) await tx.activities.insert(a, { action: 'activity.create' });
  for (const p of standing) await tx.presence.insert(p);
  for (const i of incidents) await tx.incidents.insert(i);
});

const rules = defaultDeconflictionRules;
const jccs = await store.jccs.list();
const everything = {
  activities: stored,
  presence: standing,
  incidents: incidents.map((i) => ({
    id: i.id,
    ownerOrg: i.ownerOrg,
    type: i.type,
    time: i.time,
    lon: i.lon,
    lat: i.lat,
    jcc: i.jcc,
  })),
};
const prefiltered: number[] = [];
const brute: number[] = [];
let conflicts = 0;
let candidates = 0;
for (let r = 0; r < rounds; r++) {
  const subject = { ...activity(activities + r), ownerOrgs: ['isf'], state: 'draft' as const };
  let viaIndex: string[] = [];
  let viaScan: string[] = [];
  const a = async () => {
    prefiltered.push(
      await timeAsync(async () => (viaIndex = (await deconflict(store, subject, rules, now)).map((c) => c.recordId))),
    );
  };
  const b = async () => {
    brute.push(
      await timeAsync(
        async () => (viaScan = conflictsAmong(subject, everything, jccs, rules, now).map((c) => c.recordId)),
      ),
    );
  };
  // Alternate the order so neither side always runs on a warmer cache.
  if (r % 2) {
    await a();
    await b();
  } else {
    await b();
    await a();
  }
  assert.deepEqual(viaIndex, viaScan, `round ${r}: the prefilter must find what the full scan finds`);
  conflicts += viaIndex.length;
  const found = await store.activities.candidates(candidateQuery(subject, rules, now));
  candidates += found.activities.length + found.presence.length + found.incidents.length;
}

const quantile = (values: number[], q: number) => {
  const s = [...values].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] * 1000;
};
const extra = {
  activities,
  presence: presenceCount,
  incidents: incidentCount,
  rounds,
  mean_candidates: Math.round(candidates / rounds),
  mean_conflicts: Math.round((conflicts / rounds) * 10) / 10,
  baseline_is: 'the same rule over every record, already in memory',
};
for (const [name, q] of [
  ['p50', 0.5],
  ['p95', 0.95],
] as const) {
  const value = quantile(prefiltered, q);
  const baseline = quantile(brute, q);
  emit({
    bench: `deconfliction-${name}`,
    value: Math.round(value * 1000) / 1000,
    unit: 'ms',
    baseline: Math.round(baseline * 1000) / 1000,
    ratio: Math.round((value / baseline) * 1000) / 1000,
    ...extra,
  });
}
store.close();
