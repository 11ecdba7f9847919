// A SITREP's figures against the oracle of the sharing rules (harness/sharing-oracle.ts), apart
// from src/access: for any world and audience, the report counts exactly the incidents every
// organisation of its audience may see whole, and lists as tearlines exactly those the least of
// them sees only through a tearline.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Incident } from '../src/domain/incident.ts';
import { hashPassword } from '../src/service/secrets.ts';
import { computeSitrepContent } from '../src/service/sitrep-content.ts';
import { openStore, type Store } from '../src/store/store.ts';
import { makeIncident } from './factories/incident.ts';
import { orgIndex, relSpec, sharingWorld } from './harness/sharing-oracle.ts';
import { tempDir } from './harness/temp-dir.ts';

const numRuns = process.env.CI ? 300 : 40;
const rel = relSpec(2);
const periodFrom = '2026-03-01T04:00:00.000Z';
const periodTo = '2026-03-02T04:00:00.000Z';

const world = fc.record({
  orgs: fc.integer({ min: 2, max: 4 }),
  // JCC 0 is the report's, and has at least one member; JCC 1 may exist too.
  jccs: fc.tuple(
    fc.uniqueArray(orgIndex, { minLength: 1, maxLength: 4 }),
    fc.array(fc.uniqueArray(orgIndex, { maxLength: 4 }), { maxLength: 1 }),
  ),
  groups: fc.array(fc.uniqueArray(orgIndex, { maxLength: 4 }), { minLength: 1, maxLength: 2 }),
  originator: fc.nat(),
  audience: rel,
  records: fc.array(
    fc.record({
      owner: orgIndex,
      releasability: rel,
      tearline: fc.option(rel),
      forces: fc.integer({ min: 0, max: 3 }),
      civilians: fc.integer({ min: 0, max: 3 }),
      type: fc.constantFrom('ied' as const, 'armed_clash' as const),
      hour: fc.integer({ min: 0, max: 23 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

test('a SITREP counts exactly what every organisation of its audience may see, whatever the world', {
  timeout: 10 * 60_000,
}, async (t) => {
  // A database per world: `coalition` is every organisation of a site, so worlds may not share one.
  const dir = tempDir(t);
  const passwordHash = await hashPassword('unused-in-this-test');
  let run = 0;
  await fc.assert(
    fc.asyncProperty(world, async (w) => {
      run++;
      const store = openStore(join(dir, `seam-${run}.db`));
      try {
        await check(store, w);
      } finally {
        store.close();
      }
    }),
    { numRuns },
  );

  async function check(store: Store, w: typeof world extends fc.Arbitrary<infer W> ? W : never): Promise<void> {
    const o = sharingWorld(run, { orgs: w.orgs, jccs: [w.jccs[0], ...w.jccs[1]], groups: w.groups });
    const jccCode = o.jccs[0].code;
    const originator = o.jccs[0].members[w.originator % o.jccs[0].members.length];
    const incidents: Incident[] = w.records.map((r) => {
      const owner = o.org(r.owner);
      return makeIncident({
        type: r.type,
        ownerOrg: owner,
        jcc: jccCode,
        time: new Date(Date.parse(periodFrom) + r.hour * 3_600_000 + 60_000).toISOString(),
        releasability: o.toRel(r.releasability),
        tearline: r.tearline ? { releasability: o.toRel(r.tearline), summary: 'tearline' } : null,
        casualties: {
          forces: r.forces ? [{ org: owner, killed: 0, wounded: r.forces, abducted: 0 }] : [],
          civilians: { killed: r.civilians, wounded: 0, abducted: 0 },
        },
      });
    });
    await store.write(null, async (tx) => {
      await o.write(tx, passwordHash);
      for (const i of incidents) await tx.incidents.insert(i);
    });
    const audience = o.toRel(w.audience);
    const jcc = (await store.jccs.find(jccCode))!;
    const content = await computeSitrepContent(store, {
      jcc,
      periodFrom,
      periodTo,
      originatorOrg: originator,
      audience,
    });
    const orgs = [...o.audience(audience, originator, jccCode)].sort();
    assert.deepEqual(content.audience.orgs, orgs);
    const least = (i: Incident) => {
      const seen = orgs.map((org) => o.expect(i, org));
      return seen.includes('none') ? 'none' : seen.includes('tearline') ? 'tearline' : 'record';
    };
    const whole = incidents.filter((i) => least(i) === 'record');
    const sum = (f: (i: Incident) => number) => whole.reduce((n, i) => n + f(i), 0);
    assert.equal(content.incidents.total.count, whole.length);
    assert.deepEqual(content.incidents.casualties.total, {
      killed: sum((i) => i.casualties.civilians.killed),
      wounded: sum((i) => i.casualties.forces.reduce((n, f) => n + f.wounded, 0)),
      abducted: 0,
    });
    assert.equal(
      content.civilianHarm.period.killed,
      sum((i) => i.casualties.civilians.killed),
    );
    assert.deepEqual(
      content.incidents.tearlines.map((x) => x.id).sort(),
      incidents
        .filter((i) => least(i) === 'tearline')
        .map((i) => i.id)
        .sort(),
    );
    const hidden = incidents.filter((i) => least(i) !== 'record').map((i) => i.id);
    const withoutTearlines = JSON.stringify({ ...content, incidents: { ...content.incidents, tearlines: [] } });
    for (const id of hidden) assert.ok(!withoutTearlines.includes(id), `${id} appears only as a tearline, if at all`);
    const withCasualties = whole.filter(
      (i) => i.casualties.civilians.killed + i.casualties.forces.reduce((n, f) => n + f.wounded, 0) > 0,
    );
    const highlight = content.highlights.find((h) => h.kind === 'casualties');
    if (withCasualties.length === 0) assert.equal(highlight, undefined);
    else assert.equal(highlight?.kind === 'casualties' && highlight.incidents, withCasualties.length);
  }
});
