import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyLimit } from '../src/server/app.ts';
import type { Store } from '../src/store/store.ts';
import { createFixture, startServer } from './harness/fixture.ts';

const good = { type: 'ied', time: '2026-01-01T10:00:00Z', lon: 44.39, lat: 35.47 };

function incidentCount(store: Store): Promise<number> {
  return store.incidents.count();
}

test('bad input is refused with 400 naming the field, and nothing is written', async (t) => {
  const { store } = await createFixture(t, { now: () => new Date('2026-06-01T00:00:00Z') });
  const s = await startServer(t, store);
  const cookie = await s.signIn('isf-reporter');
  const csrf = (await s.request('GET', '/api/v1/auth/me', { cookie })).body.csrf_token as string;
  const before = await incidentCount(store);

  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['latitude out of range', { ...good, lat: 91 }, 'lat'],
    ['longitude out of range', { ...good, lon: -181 }, 'lon'],
    ['unknown field', { ...good, extra: 1 }, 'extra'],
    ['unknown type', { ...good, type: 'alien_landing' }, 'type'],
    ['missing type', { time: good.time, lon: 1, lat: 1 }, 'type'],
    ['time without zone', { ...good, time: '2026-01-01 10:00' }, 'time'],
    ['time in the future', { ...good, time: '2027-01-01T00:00:00Z' }, 'time'],
    ['negative casualties', { ...good, casualties: { civilians: { killed: -1 } } }, 'casualties.civilians.killed'],
    ['unknown casualty field', { ...good, casualties: { civilians: { eaten: 1 } } }, 'casualties.civilians.eaten'],
    [
      'casualties of an unknown organisation',
      { ...good, casualties: { forces: [{ org: 'nobody', killed: 1 }] } },
      'casualties.forces.org',
    ],
    ['bad grading', { ...good, grading: 'G7' }, 'grading'],
    ['bad releasability', { ...good, releasability: 'everyone' }, 'releasability'],
    ['oversized narrative', { ...good, narrative: 'x'.repeat(20_001) }, 'narrative'],
    ['string for a number', { ...good, lat: '35.4' }, 'lat'],
  ];
  for (const [name, body, field] of cases) {
    const r = await s.request('POST', '/api/v1/incidents', { cookie, json: body });
    assert.equal(r.status, 400, `${name}: ${r.text}`);
    assert.equal(r.body.error.code, 'validation', name);
    assert.ok(
      r.body.error.issues.some((i: { field: string }) => i.field === field),
      `${name}: expected field ${field} in ${JSON.stringify(r.body.error.issues)}`,
    );
    assert.match(r.body.error.message, new RegExp(field.replaceAll('.', '\\.')), name);
  }

  const malformed = await fetch(`${s.url}/api/v1/incidents`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: '{"type": "ied",',
  });
  assert.equal(malformed.status, 400);
  assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'bad_request');

  const huge = await fetch(`${s.url}/api/v1/incidents`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ ...good, narrative: 'x'.repeat(bodyLimit) }),
  });
  assert.equal(huge.status, 413);

  assert.equal(await incidentCount(store), before, 'nothing was written');
});

test('query, path and login validation name the parameter', async (t) => {
  const { store } = await createFixture(t, { roles: ['admin'] });
  const s = await startServer(t, store);
  const cookie = await s.signIn('isf-admin');
  const cases: Array<[string, string, string]> = [
    ['/api/v1/incidents?limit=0', 'limit', 'limit below 1'],
    ['/api/v1/incidents?limit=1001', 'limit', 'limit above 1000'],
    ['/api/v1/incidents?limit=ten', 'limit', 'limit not a number'],
    ['/api/v1/incidents?bbox=1,2,3', 'bbox', 'bbox with three numbers'],
    ['/api/v1/incidents?bbox=50,30,40,35', 'bbox', 'inverted bbox'],
    ['/api/v1/incidents?since=yesterday', 'since', 'since not a time'],
    ['/api/v1/incidents?type=ied,nope', 'type.1', 'unknown type in list'],
    ['/api/v1/incidents?verification=maybe', 'verification', 'unknown verification'],
    ['/api/v1/incidents?colour=red', 'colour', 'unknown parameter'],
    ['/api/v1/incidents?cursor=not-a-cursor', 'cursor', 'forged cursor'],
    ['/api/v1/incidents/123', 'id', 'id not a UUID'],
    ['/api/v1/presence?kind=tank', 'kind', 'unknown presence kind'],
    ['/api/v1/presence?limit=5000', 'limit', 'presence limit above 1000'],
  ];
  for (const [path, field, name] of cases) {
    const r = await s.request('GET', path, { cookie });
    assert.equal(r.status, 400, `${name}: ${r.text}`);
    assert.ok(
      r.body.error.issues?.some((i: { field: string }) => i.field === field),
      `${name}: expected ${field} in ${r.text}`,
    );
  }
  assert.equal((await s.request('GET', '/api/v1/jccs/nowhere', { cookie })).status, 404);
  assert.equal(
    (await s.request('GET', '/api/v1/incidents/01a20878-94c5-7000-bf81-76f465678735', { cookie })).status,
    404,
  );
  assert.equal((await s.request('GET', '/api/v1/nothing-here', { cookie })).status, 404);

  const login = await s.request('POST', '/api/v1/auth/login', { json: { username: 'isf-admin' } });
  assert.equal(login.status, 400);
  assert.ok(login.body.error.issues.some((i: { field: string }) => i.field === 'password'));

  const users: Array<[Record<string, unknown>, string]> = [
    [{ username: 'new-user', roles: ['wizard'], password: 'long-enough-password' }, 'roles.0'],
    [{ username: 'new-user', roles: [], password: 'long-enough-password' }, 'roles'],
    [{ username: 'new-user', roles: ['viewer'], password: 'short' }, 'password'],
    [{ username: 'Bad Name', roles: ['viewer'], password: 'long-enough-password' }, 'username'],
    [{ username: 'new-user', roles: ['viewer'], password: 'long-enough-password', org: 'peshmerga' }, 'org'],
  ];
  for (const [body, field] of users) {
    const r = await s.request('POST', '/api/v1/users', { cookie, json: body });
    assert.equal(r.status, 400, r.text);
    assert.ok(
      r.body.error.issues.some((i: { field: string }) => i.field === field),
      `expected ${field} in ${r.text}`,
    );
  }
  const ok = await s.request('POST', '/api/v1/users', {
    cookie,
    json: { username: 'new-user', roles: ['viewer'], password: 'long-enough-password' },
  });
  assert.equal(ok.status, 201);
  assert.equal(ok.body.org, 'isf', 'an administrator adds users to their own organisation');
  assert.equal(ok.body.password_hash, undefined);
  const dup = await s.request('POST', '/api/v1/users', {
    cookie,
    json: { username: 'new-user', roles: ['viewer'], password: 'long-enough-password' },
  });
  assert.equal(dup.status, 409);
});
