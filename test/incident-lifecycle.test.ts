import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFixture, startServer } from './harness/fixture.ts';
import { withRawSql } from './harness/raw-sql.ts';

const report = { type: 'ied', time: '2026-03-01T08:00:00Z', lon: 44.39, lat: 35.47, narrative: 'first account' };

test('an incident is corrected, verified and re-shared, and its history says who changed what', async (t) => {
  const { store } = await createFixture(t, { roles: ['reporter', 'analyst', 'admin', 'viewer'] });
  const s = await startServer(t, store);
  const reporter = await s.signIn('isf-reporter');
  const analyst = await s.signIn('isf-analyst');
  const otherReporter = await s.signIn('peshmerga-reporter');
  const partnerAnalyst = await s.signIn('peshmerga-analyst');
  const viewer = await s.signIn('isf-viewer');

  const created = (await s.request('POST', '/api/v1/incidents', { cookie: reporter, json: report })).body;
  const id = created.id as string;

  await t.test('the reporter corrects their own report; a stale version is refused with 409', async () => {
    const r = await s.request('PATCH', `/api/v1/incidents/${id}`, {
      cookie: reporter,
      json: { version: 1, narrative: 'corrected account', casualties: { civilians: { wounded: 2 } } },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.version, 2);
    assert.equal(r.body.narrative, 'corrected account');
    const stale = await s.request('PATCH', `/api/v1/incidents/${id}`, {
      cookie: analyst,
      json: { version: 1, narrative: 'x' },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'conflict');
  });

  await t.test('moving it by MGRS recomputes where it is', async () => {
    const r = await s.request('PATCH', `/api/v1/incidents/${id}`, {
      cookie: analyst,
      json: { version: 2, mgrs: '38SLE5000050000' },
    });
    assert.equal(r.status, 200, r.text);
    assert.notEqual(r.body.lon, report.lon);
    assert.equal(r.body.location_precision, 'exact');
    assert.equal(r.body.mgrs, '38SLE5000050000');
  });

  await t.test('only the owner organisation corrects, and a viewer not at all', async () => {
    const other = await s.request('PATCH', `/api/v1/incidents/${id}`, {
      cookie: otherReporter,
      json: { version: 3, narrative: 'x' },
    });
    assert.equal(other.status, 404);
    const v = await s.request('PATCH', `/api/v1/incidents/${id}`, {
      cookie: viewer,
      json: { version: 3, narrative: 'x' },
    });
    assert.equal(v.status, 403);
  });

  await t.test('a partner analyst verifies it; a duplicate names its original', async () => {
    const r = await s.request('POST', `/api/v1/incidents/${id}/verification`, {
      cookie: partnerAnalyst,
      json: { status: 'confirmed', reason: 'seen by our patrol' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.verification, 'confirmed');
    assert.equal(r.body.review.reason, 'seen by our patrol');
    const second = (
      await s.request('POST', '/api/v1/incidents', { cookie: reporter, json: { ...report, narrative: 'again' } })
    ).body;
    const dup = await s.request('POST', `/api/v1/incidents/${second.id}/verification`, {
      cookie: analyst,
      json: { status: 'duplicate', reason: 'same event', duplicate_of: id },
    });
    assert.equal(dup.status, 200, dup.text);
    assert.equal(dup.body.duplicate_of, id);
    assert.equal(dup.body.suspected_duplicate_of, null, 'the first report moved by MGRS, so it is no longer near');
    const self = await s.request('POST', `/api/v1/incidents/${second.id}/verification`, {
      cookie: analyst,
      json: { status: 'duplicate', reason: 'same event', duplicate_of: second.id },
    });
    assert.equal(self.status, 400);
  });

  await t.test('releasability: widening needs a reason, narrowing does not, and both are audited', async () => {
    const narrow = await s.request('POST', `/api/v1/incidents/${id}/releasability`, {
      cookie: analyst,
      json: { releasability: 'org' },
    });
    assert.equal(narrow.status, 200, narrow.text);
    const widen = await s.request('POST', `/api/v1/incidents/${id}/releasability`, {
      cookie: analyst,
      json: { releasability: 'coalition' },
    });
    assert.equal(widen.status, 400);
    assert.equal(widen.body.error.issues[0].field, 'reason');
    const ok = await s.request('POST', `/api/v1/incidents/${id}/releasability`, {
      cookie: analyst,
      json: { releasability: 'coalition', reason: 'agreed at the JCC' },
    });
    assert.equal(ok.status, 200);
    const byReporter = await s.request('POST', `/api/v1/incidents/${id}/releasability`, {
      cookie: reporter,
      json: { releasability: 'org' },
    });
    assert.equal(byReporter.status, 403, 'reporters do not change releasability');
    const audited = withRawSql(store, (db) =>
      db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'incident.releasability'").get(),
    ) as { n: number };
    assert.equal(Number(audited.n), 2);
  });

  await t.test('history lists every version with who changed which fields from what to what', async () => {
    const r = await s.request('GET', `/api/v1/incidents/${id}/history`, { cookie: viewer });
    assert.equal(r.status, 200, r.text);
    const items = r.body.items as Array<{
      version: number;
      by: string;
      op: string;
      changes: Array<{ field: string; old: unknown; new: unknown }>;
    }>;
    assert.deepEqual(
      items.map((h) => h.version),
      [1, 2, 3, 4, 5, 6],
    );
    assert.equal(items[0].op, 'create');
    assert.equal(items[0].by, 'isf-reporter');
    const narrative = items[1].changes.find((c) => c.field === 'narrative');
    assert.deepEqual(narrative, { field: 'narrative', old: 'first account', new: 'corrected account' });
    assert.equal(items[3].by, 'peshmerga-analyst');
    assert.ok(
      items[3].changes.some((c) => c.field === 'verification' && c.old === 'reported' && c.new === 'confirmed'),
    );
    assert.ok(items[5].changes.some((c) => c.field === 'releasability' && c.old === 'org' && c.new === 'coalition'));
    const hidden = await s.request('GET', `/api/v1/incidents/${id}/history`, {
      cookie: await s.signIn('other-viewer'),
    });
    assert.equal(hidden.status, 200, 'coalition-wide now, so other organisations see it and its history');
  });
});

test('validation of corrections, verification, releasability changes, sharing groups and defaults', async (t) => {
  const { store } = await createFixture(t, { roles: ['analyst', 'admin'] });
  const s = await startServer(t, store);
  const analyst = await s.signIn('isf-analyst');
  const admin = await s.signIn('isf-admin');
  const id = (await s.request('POST', '/api/v1/incidents', { cookie: analyst, json: report })).body.id as string;
  const cases: Array<[string, string, string, Record<string, unknown>, string]> = [
    ['PATCH', `/api/v1/incidents/${id}`, analyst, { narrative: 'no version' }, 'version'],
    ['PATCH', `/api/v1/incidents/${id}`, analyst, { version: 1, lon: 44 }, 'lat'],
    ['PATCH', `/api/v1/incidents/${id}`, analyst, { version: 1, lon: 44, lat: 35, mgrs: '38SLE5000050000' }, 'mgrs'],
    ['PATCH', `/api/v1/incidents/${id}`, analyst, { version: 1, mgrs: '99ZZZ' }, 'mgrs'],
    ['PATCH', `/api/v1/incidents/${id}`, analyst, { version: 1, time: '2999-01-01T00:00:00Z' }, 'time'],
    ['PATCH', `/api/v1/incidents/${id}`, analyst, { version: 1, owner_org: 'peshmerga' }, 'owner_org'],
    ['POST', '/api/v1/incidents', analyst, { type: 'ied', time: '2026-01-01T00:00:00Z' }, 'lon'],
    [
      'POST',
      '/api/v1/incidents',
      analyst,
      { type: 'ied', time: '2026-01-01T00:00:00Z', place: 'Nowhere Town' },
      'place',
    ],
    ['POST', `/api/v1/incidents/${id}/verification`, analyst, { status: 'maybe', reason: 'because' }, 'status'],
    [
      'POST',
      `/api/v1/incidents/${id}/verification`,
      analyst,
      { status: 'duplicate', reason: 'because' },
      'duplicate_of',
    ],
    ['POST', `/api/v1/incidents/${id}/verification`, analyst, { status: 'confirmed', reason: '' }, 'reason'],
    ['POST', `/api/v1/incidents/${id}/releasability`, analyst, { releasability: 'world' }, 'releasability'],
    [
      'POST',
      `/api/v1/incidents/${id}/releasability`,
      analyst,
      { releasability: 'coalition', reason: 'ok then', tearline: { releasability: 'partners' } },
      'tearline.releasability',
    ],
    ['POST', '/api/v1/sharing-groups', admin, { name: 'Bad Name', members: ['isf'] }, 'name'],
    ['POST', '/api/v1/sharing-groups', admin, { name: 'g1', members: ['nobody'] }, 'members'],
    ['POST', '/api/v1/sharing-groups', admin, { name: 'g1', members: [] }, 'members'],
    ['PUT', '/api/v1/releasability-defaults/incident', admin, { releasability: 'everyone' }, 'releasability'],
    ['PUT', '/api/v1/releasability-defaults/weather', admin, { releasability: 'org' }, 'record_type'],
  ];
  for (const [method, path, cookie, json, field] of cases) {
    const r = await s.request(method, path, { cookie, json });
    assert.equal(r.status, 400, `${method} ${path} ${JSON.stringify(json)}: ${r.text}`);
    assert.ok(
      r.body.error.issues?.some((i: { field: string }) => i.field === field),
      `expected ${field} in ${r.text}`,
    );
  }
  assert.equal(
    (await s.request('POST', '/api/v1/sharing-groups', { cookie: analyst, json: { name: 'g2', members: ['isf'] } }))
      .status,
    403,
  );
});

test('defaults and sharing groups take effect', async (t) => {
  const { store } = await createFixture(t, { roles: ['reporter', 'admin', 'viewer'] });
  const s = await startServer(t, store);
  const admin = await s.signIn('isf-admin');
  const reporter = await s.signIn('isf-reporter');
  assert.equal(
    (
      await s.request('PUT', '/api/v1/releasability-defaults/incident', {
        cookie: admin,
        json: { releasability: 'org' },
      })
    ).status,
    200,
  );
  const created = await s.request('POST', '/api/v1/incidents', { cookie: reporter, json: report });
  assert.equal(created.body.releasability, 'org', 'the organisation default applies');
  const group = await s.request('POST', '/api/v1/sharing-groups', {
    cookie: admin,
    json: { name: 'isf-other', members: ['isf', 'other'] },
  });
  assert.equal(group.status, 201, group.text);
  const shared = await s.request('POST', '/api/v1/incidents', {
    cookie: reporter,
    json: { ...report, releasability: 'group:isf-other' },
  });
  const otherViewer = await s.signIn('other-viewer');
  assert.equal((await s.request('GET', `/api/v1/incidents/${shared.body.id}`, { cookie: otherViewer })).status, 200);
  const peshAdmin = await s.signIn('peshmerga-admin');
  const hijack = await s.request('PUT', '/api/v1/sharing-groups/isf-other/members', {
    cookie: peshAdmin,
    json: { members: ['peshmerga'] },
  });
  assert.equal(hijack.status, 403, 'only the owning organisation manages a group');
  const shrink = await s.request('PUT', '/api/v1/sharing-groups/isf-other/members', {
    cookie: admin,
    json: { members: ['isf'] },
  });
  assert.equal(shrink.status, 200);
  assert.equal(
    (await s.request('GET', `/api/v1/incidents/${shared.body.id}`, { cookie: otherViewer })).status,
    404,
    'membership changes apply at once',
  );
});
