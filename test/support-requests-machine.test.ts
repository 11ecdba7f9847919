import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { newId } from '../src/store/ids.ts';
import { requestBody } from './factories/support-request.ts';
import { createFixture, kirkukAor, startServer } from './harness/fixture.ts';

// The state machine written out again, independently of src/domain: the oracle the server is held to.
const next: Record<string, Record<string, string>> = {
  requested: { accept: 'accepted', decline: 'declined', 'needs-information': 'needs_information', cancel: 'cancelled' },
  needs_information: { answer: 'requested', cancel: 'cancelled' },
  accepted: { assign: 'assigned', cancel: 'cancelled' },
  assigned: { start: 'under_way', cancel: 'cancelled' },
  under_way: { complete: 'done', cancel: 'cancelled' },
  declined: {},
  done: {},
  cancelled: {},
};
const steps = ['accept', 'decline', 'needs-information', 'answer', 'assign', 'start', 'complete', 'cancel'] as const;
type Step = (typeof steps)[number];
const sideOf: Record<Step, 'requester' | 'addressee' | 'responder'> = {
  accept: 'addressee',
  decline: 'addressee',
  'needs-information': 'addressee',
  answer: 'requester',
  assign: 'responder',
  start: 'responder',
  complete: 'responder',
  cancel: 'requester',
};
const bodyOf: Record<Step, Record<string, string>> = {
  accept: {},
  decline: { reason: 'no capacity' },
  'needs-information': { question: 'how many?' },
  answer: { answer: 'three' },
  assign: { unit: '3rd company' },
  start: {},
  complete: {},
  cancel: {},
};
const actors = ['isf-liaison', 'isf-viewer', 'peshmerga-liaison', 'peshmerga-reporter', 'coalition-liaison'] as const;
type Who = (typeof actors)[number];
const orgOf = (who: Who) => who.split('-')[0];
const roleOf = (who: Who) => who.split('-')[1];

interface Model {
  to: 'peshmerga' | 'k2';
  releasability: 'org' | 'coalition';
  state: string;
  responder: string | null;
}

/** What the oracle says a step by `who` answers: 404 (may not see it), 403 (wrong organisation or role), 409 (wrong state) or 200. */
function expected(m: Model, who: Who, step: Step): number {
  const org = orgOf(who);
  const addressees = m.to === 'peshmerga' ? ['peshmerga'] : ['peshmerga', 'coalition'];
  const parties = ['isf', ...(m.to === 'peshmerga' ? ['peshmerga'] : ['isf', 'peshmerga', 'coalition'])];
  if (!parties.includes(org) && m.releasability !== 'coalition') return 404;
  const side = sideOf[step];
  const orgOk =
    side === 'requester'
      ? org === 'isf'
      : side === 'addressee' || m.responder === null
        ? addressees.includes(org)
        : org === m.responder;
  if (!orgOk) return 403;
  const roleOk = side === 'requester' ? roleOf(who) !== 'viewer' : roleOf(who) === 'liaison';
  if (!roleOk) return 403;
  return next[m.state][step] === undefined ? 409 : 200;
}

/** One move: a random step by a random actor, or (to reach the later states often) a legal one, or a legal one that is not a cancellation. */
const move = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('any' as const),
      who: fc.constantFrom(...actors),
      step: fc.constantFrom(...steps),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('legal' as const), pick: fc.nat(100) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('forward' as const), pick: fc.nat(100) }) },
);

test('the request state machine refuses every illegal step (403/404/409, nothing written) and takes every legal one', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer', 'reporter', 'liaison'] });
  await store.write(null, (tx) =>
    tx.jccs.insert({
      id: newId(),
      code: 'k2',
      name: 'JCC with three members',
      aor: kirkukAor,
      members: ['isf', 'peshmerga', 'coalition'],
      createdAt: tx.at,
      updatedAt: tx.at,
    }),
  );
  const s = await startServer(t, store);
  const cookies = Object.fromEntries(await Promise.all(actors.map(async (a) => [a, await s.signIn(a)] as const)));
  const reached = new Set<string>();
  let refused = 0;

  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('peshmerga' as const, 'k2' as const),
      fc.constantFrom('org' as const, 'coalition' as const),
      fc.array(move, { minLength: 4, maxLength: 24, size: 'max' }),
      async (to, releasability, moves) => {
        const created = await s.request('POST', '/api/v1/requests', {
          cookie: cookies['isf-liaison'],
          json: requestBody(new Date(), to === 'k2' ? { addressed_jcc: 'k2' } : { addressed_org: 'peshmerga' }, {
            releasability,
          }),
        });
        assert.equal(created.status, 201, created.text);
        const id = created.body.id;
        const m: Model = { to, releasability, state: 'requested', responder: null };
        let version = 1;
        for (const mv of moves) {
          let who: Who;
          let step: Step;
          if (mv.kind === 'any') ({ who, step } = mv);
          else {
            const legal = actors.flatMap((a) =>
              steps
                .filter((st) => expected(m, a, st) === 200 && (mv.kind === 'legal' || st !== 'cancel'))
                .map((st) => [a, st] as const),
            );
            if (legal.length === 0) continue;
            [who, step] = legal[mv.pick % legal.length];
          }
          const want = expected(m, who, step);
          const res = await s.request('POST', `/api/v1/requests/${id}/${step}`, {
            cookie: cookies[who],
            json: bodyOf[step],
          });
          const context = `${step} by ${who} in ${m.state} (to ${to}, ${releasability}): ${res.text}`;
          assert.equal(res.status, want, context);
          if (want === 200) {
            m.state = next[m.state][step];
            if (sideOf[step] === 'addressee') m.responder = orgOf(who);
            version++;
            assert.equal(res.body.state, m.state, context);
            reached.add(m.state);
          } else {
            refused++;
            assert.equal(res.body.error.code, { 403: 'forbidden', 404: 'not_found', 409: 'conflict' }[want], context);
            if (want !== 404)
              assert.ok(res.body.error.message.includes(step.replace('-', '_')), `names the step: ${context}`);
          }
        }
        const now = await s.request('GET', `/api/v1/requests/${id}`, { cookie: cookies['isf-liaison'] });
        assert.equal(now.body.state, m.state);
        assert.equal(now.body.version, version, 'a refused step wrote nothing');
        const history = await s.request('GET', `/api/v1/requests/${id}/history`, { cookie: cookies['isf-liaison'] });
        assert.equal(history.body.items.length, version, 'one change-log entry per step taken');
      },
    ),
    {
      numRuns: process.env.CI ? 100 : 40,
      // The whole way to done: by a member of the addressed JCC (coalition), then by the addressed organisation.
      examples: [
        ['k2', 'coalition', Array.from({ length: 4 }, () => ({ kind: 'forward' as const, pick: 3 }))],
        ['peshmerga', 'org', Array.from({ length: 4 }, () => ({ kind: 'forward' as const, pick: 0 }))],
      ],
    },
  );
  assert.ok(refused > 0);
  for (const state of ['accepted', 'declined', 'needs_information', 'assigned', 'under_way', 'done', 'cancelled']) {
    assert.ok(reached.has(state), `the runs reached ${state}`);
  }
});
