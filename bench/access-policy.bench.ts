// A 10,000-record incident list through the access policy against the same query unfiltered, in
// the same run: the cost of deciding, record by record, what each user may see.
import { join } from 'node:path';
import type { Releasability } from '../src/domain/releasability.ts';
import type { Actor } from '../src/service/actor.ts';
import { listIncidents } from '../src/service/incident-reads.ts';
import { addOrganisation } from '../src/service/organisations.ts';
import { newId } from '../src/store/ids.ts';
import { openStore } from '../src/store/store.ts';
import { makeIncident } from '../test/factories/incident.ts';
import { emit, median, scratchDir, timeAsync } from './harness.ts';

const records = 10_000;
const rounds = 15;
const store = openStore(join(scratchDir('seam-bench-policy-'), 'seam.db'));
for (const code of ['isf', 'peshmerga', 'coalition']) await addOrganisation(store, code, code);
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
await store.write(null, async (tx) => {
  await tx.jccs.insert({
    id: newId(),
    code: 'k1',
    name: 'K1',
    aor,
    members: ['isf', 'peshmerga'],
    createdAt: tx.at,
    updatedAt: tx.at,
  });
  await tx.sharingGroups.insert({
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
    await tx.incidents.insert(i);
  }
});

const actor: Actor = { userId: 'bench', username: 'bench', org: 'peshmerga', roles: ['viewer'], scope: 'read' };
let visible = 0;
const policy: number[] = [];
const raw: number[] = [];
for (let r = 0; r < rounds; r++) {
  // Alternate the order so neither side always runs on a warmer cache.
  const a = async () =>
    policy.push(
      await timeAsync(async () => {
        visible = (await listIncidents(store, actor, {}, null, records)).items.length;
      }),
    );
  const b = async () => raw.push(await timeAsync(() => store.incidents.query({}, null, records)));
  if (r % 2) {
    await a();
    await b();
  } else {
    await b();
    await a();
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
