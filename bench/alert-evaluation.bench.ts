// Alert evaluation of one incident against 1,000 rules (goal: p95 ≤ 5 ms): the engine's pure step,
// the rules' geometry indexed (`geo/alert-areas.ts`), against the same answers found by checking
// every rule against every presence record and corridor of its organisation, in the same run.
import assert from 'node:assert/strict';
import type { AlertRule } from '../src/domain/alert-rule.ts';
import { incidentAlerts, type PreparedRules } from '../src/domain/alerts.ts';
import { noEnrichment } from '../src/domain/enrichment.ts';
import type { Polygon } from '../src/domain/geojson.ts';
import type { Incident } from '../src/domain/incident.ts';
import { presenceKinds } from '../src/domain/presence.ts';
import { type AlertAreaInput, buildAlertAreas, scanAlertAreas } from '../src/geo/alert-areas.ts';
import type { CoverageItem } from '../src/geo/presence-index.ts';
import { emit } from './harness.ts';

const ruleCount = Number(process.env.BENCH_ALERT_RULES ?? 1000);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const orgs = Array.from({ length: 10 }, (_, i) => `org${i}`);
const checkpointsPerOrg = 200;
const patrolsPerOrg = 20;
const aorsPerOrg = 5;
const corridorsPerOrg = 5;

// A seeded generator, so every run measures the same site.
let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const lon = () => 43 + rand() * 3;
const lat = () => 34 + rand() * 3;
const box = (w: number, s: number, d: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [w + d, s],
      [w + d, s + d],
      [w, s + d],
      [w, s],
    ],
  ],
});

const presence: CoverageItem[] = [];
for (const org of orgs) {
  const base = { org, activeFrom: '2025-01-01T00:00:00.000Z', activeTo: null };
  for (let k = 0; k < checkpointsPerOrg; k++)
    presence.push({
      ...base,
      id: `${org}-cp${k}`,
      name: `cp${k}`,
      kind: 'checkpoint',
      geometry: { type: 'Point', coordinates: [lon(), lat()] },
      km: 1 + rand() * 4,
    });
  for (let k = 0; k < patrolsPerOrg; k++) {
    const x = lon();
    const y = lat();
    presence.push({
      ...base,
      id: `${org}-pt${k}`,
      name: `pt${k}`,
      kind: 'patrol',
      geometry: {
        type: 'LineString',
        coordinates: [
          [x, y],
          [x + 0.1, y + 0.05],
          [x + 0.2, y],
        ],
      },
      km: 2,
    });
  }
  for (let k = 0; k < aorsPerOrg; k++)
    presence.push({
      ...base,
      id: `${org}-aor${k}`,
      name: `aor${k}`,
      kind: 'unit_aor',
      geometry: box(lon(), lat(), 0.2),
      km: 0,
    });
}
const corridors = orgs.flatMap((org) =>
  Array.from({ length: corridorsPerOrg }, (_, k) => ({
    org,
    id: `${org}-c${k}`,
    gapAreaKm2: 50,
    polygon: box(lon(), lat(), 0.1),
  })),
);

const rules: AlertRule[] = Array.from({ length: ruleCount }, (_, k) => {
  const corridor = k % 10 === 9;
  return {
    id: `rule-${String(k).padStart(5, '0')}`,
    org: orgs[k % orgs.length],
    name: `rule ${k}`,
    kind: corridor ? 'incident_in_corridor' : 'incident_near',
    radiusKm: corridor ? null : 1 + rand() * 29,
    presenceKinds: corridor ? [] : presenceKinds.filter(() => rand() < 0.8),
    incidentTypes: k % 3 === 0 ? ['ied', 'indirect_fire'] : [],
    enabled: true,
    createdBy: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
});
const input: AlertAreaInput = {
  nearRules: rules
    .filter((r) => r.kind === 'incident_near')
    .map((r) => ({ id: r.id, org: r.org, radiusKm: r.radiusKm!, presenceKinds: r.presenceKinds })),
  corridorRules: rules.filter((r) => r.kind === 'incident_in_corridor').map((r) => ({ id: r.id, org: r.org })),
  presence,
  corridors,
};
const byId = new Map(rules.map((r) => [r.id, r]));
const t0 = process.hrtime.bigint();
const indexed: PreparedRules = { rules: byId, areas: buildAlertAreas(input), jccMembers: new Map() };
const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
const scanned: PreparedRules = { rules: byId, areas: scanAlertAreas(input), jccMembers: new Map() };

const incidents: Incident[] = Array.from({ length: samples }, (_, k) => ({
  id: `i${k}`,
  type: k % 2 ? 'ied' : 'sighting',
  time: '2026-03-01T06:00:00.000Z',
  timePrecision: 'day',
  lon: lon(),
  lat: lat(),
  locationPrecision: 'exact',
  place: null,
  narrative: '',
  casualties: { forces: [], civilians: { killed: 0, wounded: 0, abducted: 0 } },
  grading: null,
  releasability: { scope: 'partners' },
  tearline: null,
  verification: 'reported',
  review: null,
  duplicateOf: null,
  ownerOrg: 'org0',
  reporterId: null,
  jcc: null,
  enrichment: noEnrichment,
  source: 'seam',
  sourceId: null,
  exercise: false,
  createdAt: '2026-03-01T06:00:00.000Z',
  updatedAt: '2026-03-01T06:00:00.000Z',
  version: 1,
}));

function measure(prepared: PreparedRules, warmUp: number): { times: number[]; matches: string[][] } {
  const times: number[] = [];
  const matches: string[][] = [];
  for (const i of incidents.slice(0, warmUp)) incidentAlerts(i, prepared); // so the JIT has settled
  for (const i of incidents) {
    const t = process.hrtime.bigint();
    const found = incidentAlerts(i, prepared);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    matches.push(found.map((c) => `${c.rule.id}:${JSON.stringify(c.match)}`));
  }
  return { times, matches };
}

const quantile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

// The index is warmed up over every sample (its times are small enough for the JIT to show); the scan's are not.
const fast = measure(indexed, samples);
const slow = measure(scanned, 20);
assert.deepEqual(fast.matches, slow.matches, 'the index answers exactly as the brute-force scan');
const alerts = fast.matches.reduce((n, m) => n + m.length, 0);
for (const [name, q] of [
  ['p50', 0.5],
  ['p95', 0.95],
] as const) {
  const value = quantile(fast.times, q);
  const baseline = quantile(slow.times, q);
  emit({
    bench: `alert_evaluation_${name}_ms`,
    value: r4(value),
    unit: 'ms',
    baseline: r4(baseline),
    ratio: r4(value / baseline),
    goal: name === 'p95' ? '≤ 5 ms' : undefined,
    rules: ruleCount,
    presence: presence.length,
    corridors: corridors.length,
    incidents: samples,
    alerts_per_incident: r4(alerts / samples),
    index_build_ms: r4(buildMs),
  });
}
