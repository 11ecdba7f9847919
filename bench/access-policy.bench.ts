// A 10,000-record incident list through the access policy against the same query unfiltered, in
// the same run: the cost of deciding, record by record, what each user may see.
import { join } from 'node:path';
import type { Releasability } from '../src/domain/releasability.ts';
import type { Actor } from '../src/service/actor.ts';
import { listIncidents } from '../src/service/incident-reads.ts';
import { addOrganisation } from '../src/service/organisations.ts';
import { newId } from '../src/store/ids.ts';
import { queryIncidents } from '../src/store/incident-queries.ts';
import { insertIncident } from '../src/store/incidents.ts';
import { insertJcc } from '../src/store/jccs.ts';
import { insertSharingGroup } from '../src/store/sharing-groups.ts';
import { openStore } from '../src/store/store.ts';
import { makeIncident } from '../test/factories/incident.ts';
import { emit, median, scratchDir, time } from './harness.ts';

const records = 10_000;
const rounds = 15;
const store = openStore(join(scratchDir('seam-bench-policy-'), 'seam.db'));
for (const code of ['isf', 'peshmerga', 'coalition']) addOrganisation(store, code, code);
const aor = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [44, 35],
      [45, 35],
      [45, 36],
      [44, 36],
      [44, 35],
    ],
  ] as [number, number][][],
};
const mix: Releasability[] = [
  { scope: 'partners' },
  { scope: 'partners' },
  { scope: 'coalition' },
  { scope: 'org' },
  { scope: 'group', group: 'intel' },
];
store.writes.write(null, (tx) => {
  insertJcc(tx, {
    id: newId(),
    code: 'k1',
    name: 'K1',
    aor,
    members: ['isf', 'peshmerga'],
    createdAt: tx.at,
    updatedAt: tx.at,
  });
  insertSharingGroup(tx, {
    name: 'intel',
    ownerOrg: 'peshmerga',
    members: ['peshmerga', 'coalition'],
    createdAt: tx.at,
    updatedAt: tx.at,
  });
  for (let k = 0; k < records; k++) {
    const releasability = mix[k % mix.length];
    const i = makeIncident({
      time: new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString(),
      lon: 44 + (k % 100) / 100,
      lat: 35 + (k % 97) / 97,
      narrative: `Bench incident ${k}`,
      grading: { reliability: 'C', credibility: 3 },
      releasability,
      tearline:
        releasability.scope === 'org' && k % 2 === 0 ? { releasability: { scope: 'coalition' }, summary: null } : null,
      ownerOrg: k % 3 === 0 ? 'isf' : 'peshmerga',
      jcc: k % 4 === 0 ? null : 'k1',
      source: 'bench',
      sourceId: String(k),
      exercise: true,
    });
    insertIncident(tx, i);
  }
});

const actor: Actor = { userId: 'bench', username: 'bench', org: 'peshmerga', roles: ['viewer'], scope: 'read' };
let visible = 0;
const policy: number[] = [];
const raw: number[] = [];
for (let r = 0; r < rounds; r++) {
  // Alternate the order so neither side always runs on a warmer cache.
  const a = () => policy.push(time(() => (visible = listIncidents(store, actor, {}, null, records).items.length)));
  const b = () => raw.push(time(() => queryIncidents(store.db, {}, null, records)));
  if (r % 2) {
    a();
    b();
  } else {
    b();
    a();
  }
}
const value = median(policy) * 1000;
const baseline = median(raw) * 1000;
emit({
  bench: 'incident_list_10k_through_policy',
  value: Number(value.toFixed(2)),
  unit: 'ms',
  baseline: Number(baseline.toFixed(2)),
  ratio: Number((value / baseline).toFixed(3)),
  records,
  visible_to_viewer: visible,
  rounds,
  note: 'listIncidents for a peshmerga user (policy and tearlines applied) vs the same SQL query unfiltered, both up to 10,000 rows',
});
store.close();
