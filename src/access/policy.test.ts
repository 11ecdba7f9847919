import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Releasability } from '../domain/releasability.ts';
import { type AccessFacts, audienceOrgs, visibility } from './policy.ts';

const orgs = ['a', 'b', 'c', 'd', 'e'];
const org = fc.constantFrom(...orgs);
const subset = fc.subarray(orgs);

const facts = fc.record({
  jccs: fc.dictionary(fc.constantFrom('j1', 'j2', 'j3'), subset),
  groups: fc.dictionary(fc.constantFrom('g1', 'g2'), subset),
  coalition: subset,
});

const releasability: fc.Arbitrary<Releasability> = fc.oneof(
  fc.constant({ scope: 'org' as const }),
  fc.constant({ scope: 'partners' as const }),
  fc.constant({ scope: 'coalition' as const }),
  fc.constantFrom('g1', 'g2', 'g9').map((group) => ({ scope: 'group' as const, group })),
);

function toFacts(f: {
  jccs: Record<string, string[]>;
  groups: Record<string, string[]>;
  coalition: string[];
}): AccessFacts {
  return {
    jccMembers: new Map(Object.entries(f.jccs).map(([k, v]) => [k, new Set(v)])),
    groupMembers: new Map(Object.entries(f.groups).map(([k, v]) => [k, new Set(v)])),
    coalition: new Set(f.coalition),
  };
}

const runs = { numRuns: process.env.CI ? 5000 : 1000 };

test('the owner organisation always sees its own records', () => {
  fc.assert(
    fc.property(facts, org, releasability, fc.option(fc.constantFrom('j1', 'j2', 'j3', 'j9')), (f, owner, r, jcc) => {
      assert.equal(visibility({ org: owner }, { ownerOrg: owner, releasability: r, jcc }, toFacts(f)), 'record');
    }),
    runs,
  );
});

test('a viewer outside the audience of the releasability never sees the record', () => {
  fc.assert(
    fc.property(
      facts,
      org,
      org,
      releasability,
      fc.option(fc.constantFrom('j1', 'j2', 'j3', 'j9')),
      (f, owner, viewer, r, jcc) => {
        const seen = visibility({ org: viewer }, { ownerOrg: owner, releasability: r, jcc }, toFacts(f)) === 'record';
        if (viewer === owner) return;
        // The audience, written out independently of the policy's code.
        let audience: string[];
        if (r.scope === 'org') audience = [];
        else if (r.scope === 'coalition') audience = f.coalition;
        else if (r.scope === 'group') audience = f.groups[r.group] ?? [];
        else if (jcc !== null) audience = f.jccs[jcc] ?? [];
        else
          audience = Object.values(f.jccs)
            .filter((m) => m.includes(owner))
            .flat();
        assert.equal(seen, audience.includes(viewer), JSON.stringify({ r, jcc, owner, viewer }));
      },
    ),
    runs,
  );
});

test('widening never hides: whoever sees an org-only record sees it at every wider scope', () => {
  fc.assert(
    fc.property(facts, org, org, releasability, fc.option(fc.constantFrom('j1', 'j2')), (f, owner, viewer, r, jcc) => {
      const ff = toFacts(f);
      const narrow = visibility({ org: viewer }, { ownerOrg: owner, releasability: { scope: 'org' }, jcc }, ff);
      const wide = visibility({ org: viewer }, { ownerOrg: owner, releasability: r, jcc }, ff);
      if (narrow === 'record') assert.equal(wide, 'record');
    }),
    runs,
  );
});

const tearlined = fc.record({ releasability, tearline: fc.option(fc.record({ releasability })) });

test('an audience reader sees of a record only what every one of its organisations sees, and each of them sees it', () => {
  const rank = { none: 0, tearline: 1, record: 2 };
  fc.assert(
    fc.property(
      facts,
      org,
      subset,
      tearlined,
      fc.option(fc.constantFrom('j1', 'j2', 'j3')),
      (f, owner, members, t, jcc) => {
        const ff = toFacts(f);
        const record = { ownerOrg: owner, releasability: t.releasability, tearline: t.tearline, jcc };
        const seen = visibility({ org: owner, audience: members }, record, ff);
        const each = members.map((m) => rank[visibility({ org: m }, record, ff)]);
        const least = members.length === 0 ? 0 : Math.min(...each);
        assert.equal(rank[seen], least, JSON.stringify({ record, members }));
      },
    ),
    runs,
  );
});

test("a report's audience holds its originator and exactly the organisations the releasability admits", () => {
  fc.assert(
    fc.property(facts, org, releasability, fc.option(fc.constantFrom('j1', 'j2', 'j3')), (f, owner, r, jcc) => {
      const ff = toFacts(f);
      const orgsIn = audienceOrgs(r, { ownerOrg: owner, jcc }, ff);
      assert.ok(orgsIn.includes(owner));
      for (const o of f.coalition) {
        const admitted = visibility({ org: o }, { ownerOrg: owner, releasability: r, jcc }, ff) === 'record';
        assert.equal(orgsIn.includes(o), admitted, JSON.stringify({ r, jcc, owner, o }));
      }
    }),
    runs,
  );
});
