import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxSitrepTextLength } from '../src/domain/sitrep.ts';
import { draftScheduledSitreps } from '../src/service/sitreps.ts';
import { manualClock } from './factories/support-request.ts';
import { createFixture, startServer, type TestServer } from './harness/fixture.ts';
import { openSse } from './harness/sse.ts';

/** An incident near Kirkuk (in JCC k1) at `time`, with the given casualties and releasability. */
function incident(time: string, releasability: string, casualties: unknown, type = 'ied') {
  return { type, time, lon: 44.39, lat: 35.47, narrative: `${type} at ${time}`, releasability, casualties };
}

async function bytes(
  s: TestServer,
  cookie: string,
  path: string,
): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const res = await fetch(`${s.url}${path}`, { headers: { cookie } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

test('a SITREP for partners leaves out what only ISF may see; released, it never changes; a correction names it', async (t) => {
  const clock = manualClock('2026-03-02T06:00:00.000Z');
  const { store } = await createFixture(t, { now: clock.now });
  const s = await startServer(t, store);
  const reporter = await s.signIn('isf-reporter');
  const shared = await s.request('POST', '/api/v1/incidents', {
    cookie: reporter,
    json: incident('2026-03-01T20:00:00Z', 'partners', { civilians: { killed: 1, wounded: 0, abducted: 0 } }),
  });
  assert.equal(shared.status, 201, shared.text);
  const isfOnly = await s.request('POST', '/api/v1/incidents', {
    cookie: reporter,
    json: incident(
      '2026-03-01T22:00:00Z',
      'org',
      {
        forces: [{ org: 'isf', killed: 0, wounded: 2, abducted: 0 }],
        civilians: { killed: 0, wounded: 3, abducted: 0 },
      },
      'armed_clash',
    ),
  });
  assert.equal(isfOnly.status, 201, isfOnly.text);
  const analyst = await s.signIn('isf-analyst');

  const partners = await s.request('POST', '/api/v1/sitreps', { cookie: analyst, json: { jcc: 'k1' } });
  assert.equal(partners.status, 201, partners.text);
  const p = partners.body;
  assert.equal(p.period_from, '2026-03-01T04:00:00.000Z', 'the 24 hours up to the latest 04:00 UTC');
  assert.equal(p.period_to, '2026-03-02T04:00:00.000Z');
  assert.equal(p.next_due, '2026-03-03T04:00:00.000Z');
  assert.equal(p.audience, 'partners');
  assert.equal(p.number, 1);
  assert.equal(p.as_of, '2026-03-02T06:00:00.000Z');

  const own = await s.request('POST', '/api/v1/sitreps', { cookie: analyst, json: { jcc: 'k1', audience: 'org' } });
  assert.equal(own.status, 201, own.text);
  const o = own.body;
  assert.equal(o.number, 2);

  await t.test(
    'the partners version omits the ISF-only incident and its casualties from every total and highlight',
    () => {
      const pc = p.content;
      assert.deepEqual(pc.audience.orgs, ['isf', 'peshmerga']);
      assert.deepEqual(pc.incidents.total, { count: 1, previous: 0 });
      assert.deepEqual(pc.incidents.byType, [{ type: 'ied', count: 1, previous: 0 }]);
      assert.deepEqual(pc.incidents.casualties.total, { killed: 1, wounded: 0, abducted: 0 });
      assert.deepEqual(pc.incidents.casualties.forces, []);
      assert.deepEqual(pc.civilianHarm.period, { killed: 1, wounded: 0, abducted: 0 });
      assert.deepEqual(
        pc.incidents.significant.map((i: { id: string }) => i.id),
        [shared.body.id],
      );
      const text = JSON.stringify(pc);
      assert.ok(!text.includes(isfOnly.body.id), 'the ISF-only incident is nowhere in the partners version');
      assert.deepEqual(
        pc.highlights.find((h: { kind: string }) => h.kind === 'casualties'),
        {
          kind: 'casualties',
          incidents: 1,
          total: { killed: 1, wounded: 0, abducted: 0 },
          civilians: { killed: 1, wounded: 0, abducted: 0 },
        },
      );

      const oc = o.content;
      assert.deepEqual(oc.audience.orgs, ['isf']);
      assert.deepEqual(oc.incidents.total, { count: 2, previous: 0 });
      assert.deepEqual(oc.incidents.casualties.total, { killed: 1, wounded: 5, abducted: 0 });
      assert.deepEqual(oc.incidents.casualties.forces, [{ org: 'isf', killed: 0, wounded: 2, abducted: 0 }]);
      assert.deepEqual(oc.civilianHarm.period, { killed: 1, wounded: 3, abducted: 0 });
      assert.equal(oc.civilianHarm.incidents, 2);
      assert.equal(oc.highlights.find((h: { kind: string }) => h.kind === 'casualties').incidents, 2);
      assert.equal(oc.gap, null, 'no coordination line on this site');
    },
  );

  await t.test('a draft is its originator’s alone', async () => {
    const pesh = await s.signIn('peshmerga-analyst');
    assert.equal((await s.request('GET', `/api/v1/sitreps/${p.id}`, { cookie: pesh })).status, 404);
    const list = await s.request('GET', '/api/v1/sitreps?jcc=k1', { cookie: pesh });
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.body.items, []);
    const mine = await s.request('GET', '/api/v1/sitreps?jcc=k1&state=draft', { cookie: analyst });
    assert.deepEqual(
      mine.body.items.map((x: { number: number }) => x.number),
      [2, 1],
      'newest first',
    );
    assert.equal(mine.body.items[0].content, undefined, 'a list carries no figures');
    assert.equal(mine.body.next_cursor, null);
    const paged = await s.request('GET', '/api/v1/sitreps?limit=1', { cookie: analyst });
    assert.equal(paged.body.items.length, 1);
    const rest = await s.request('GET', `/api/v1/sitreps?limit=1&cursor=${paged.body.next_cursor}`, {
      cookie: analyst,
    });
    assert.deepEqual(
      rest.body.items.map((x: { number: number }) => x.number),
      [1],
    );
  });

  await t.test(
    'roles: only an analyst or admin of a member organisation drafts; only the originator edits and releases',
    async () => {
      const viewer = await s.signIn('isf-viewer');
      const refused = await s.request('POST', '/api/v1/sitreps', { cookie: viewer, json: { jcc: 'k1' } });
      assert.equal(refused.status, 403, refused.text);
      const outsider = await s.request('POST', '/api/v1/sitreps', {
        cookie: await s.signIn('other-analyst'),
        json: { jcc: 'k1' },
      });
      assert.equal(outsider.status, 403, outsider.text);
      const edit = await s.request('PATCH', `/api/v1/sitreps/${p.id}`, {
        cookie: viewer,
        json: { assessment: 'x', version: 1 },
      });
      assert.equal(edit.status, 403, edit.text);
    },
  );

  await t.test('bad input answers 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ jcc: 'k1', audience: 'everyone' }, 'audience'],
      [{ jcc: 'nowhere' }, 'jcc'],
      [{ jcc: 'k1', period_from: 'yesterday' }, 'period_from'],
      [{ jcc: 'k1', period_from: '2026-03-01T00:00:00Z', period_to: '2026-02-01T00:00:00Z' }, 'period_from'],
      [{ jcc: 'k1', period_to: '2026-04-01T00:00:00Z' }, 'period_to'],
      [{ jcc: 'k1', audience: 'group:nosuch' }, 'audience'],
      [{ jcc: 'k1', correction_note: 'alone' }, 'correction_note'],
      [{ jcc: 'k1', colour: 'red' }, 'colour'],
    ];
    for (const [json, field] of cases) {
      const r = await s.request('POST', '/api/v1/sitreps', { cookie: analyst, json });
      assert.equal(r.status, 400, `${JSON.stringify(json)}: ${r.text}`);
      assert.ok(
        r.body.error.message.includes(field),
        `${JSON.stringify(json)} names ${field}: ${r.body.error.message}`,
      );
    }
    const long = await s.request('PATCH', `/api/v1/sitreps/${p.id}`, {
      cookie: analyst,
      json: { assessment: 'x'.repeat(maxSitrepTextLength + 1), version: 1 },
    });
    assert.equal(long.status, 400, long.text);
    assert.ok(long.body.error.message.includes('assessment'));
    const format = await s.request('GET', `/api/v1/sitreps/${p.id}/report?format=docx`, { cookie: analyst });
    assert.equal(format.status, 400);
    assert.ok(format.body.error.message.includes('format'));
  });

  const edited = await s.request('PATCH', `/api/v1/sitreps/${p.id}`, {
    cookie: analyst,
    json: {
      assessment: 'Calm along the line; one IED west of Kirkuk.',
      intentions: 'Joint patrol on the 3rd.',
      version: 1,
    },
  });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.version, 2);
  const stale = await s.request('PATCH', `/api/v1/sitreps/${p.id}`, {
    cookie: analyst,
    json: { assessment: 'stale', version: 1 },
  });
  assert.equal(stale.status, 409, stale.text);
  const draftHtml = await bytes(s, analyst, `/api/v1/sitreps/${p.id}/report?format=html&lang=en`);
  assert.equal(draftHtml.status, 200);
  assert.ok(draftHtml.body.toString().includes('Calm along the line'), 'a draft is set with its current text');
  assert.equal(draftHtml.headers.get('x-frame-options'), 'SAMEORIGIN', 'the web app may preview it in a frame');
  assert.match(draftHtml.headers.get('content-security-policy') ?? '', /default-src 'none'.*frame-ancestors 'self'/);
  const api = await s.request('GET', `/api/v1/sitreps/${p.id}`, { cookie: analyst });
  assert.equal(api.headers.get('x-frame-options'), 'DENY', 'everything else keeps the site-wide headers');

  const streams = {
    peshmerga: await openSse(`${s.url}/api/v1/stream`, { cookie: await s.signIn('peshmerga-viewer') }),
    other: await openSse(`${s.url}/api/v1/stream`, { cookie: await s.signIn('other-viewer') }),
    isf: await openSse(`${s.url}/api/v1/stream`, { cookie: await s.signIn('isf-viewer') }),
  };
  t.after(() => {
    for (const c of Object.values(streams)) c.close();
  });
  const released = await s.request('POST', `/api/v1/sitreps/${p.id}/release`, {
    cookie: analyst,
    json: { version: 2 },
  });
  assert.equal(released.status, 200, released.text);
  assert.equal(released.body.state, 'released');
  assert.equal(released.body.released_by, 'isf-analyst');
  assert.equal(released.body.released_at, '2026-03-02T06:00:00.000Z');
  const live = await streams.peshmerga.until((ev) => ev.some((e) => e.event === 'sitrep'));
  const sitrepEvents = live.filter((e) => e.event === 'sitrep');
  assert.deepEqual(
    sitrepEvents.map((e) => [e.data.record.id, e.data.record.state]),
    [[p.id, 'released']],
    'the partner hears of the release live, and of no draft',
  );
  assert.equal(sitrepEvents[0].data.record.content, undefined, 'the stream carries the heading, not the figures');
  await streams.isf.until((ev) => ev.some((e) => e.event === 'sitrep' && e.data.record.state === 'released'));
  assert.ok(
    !streams.other.events.some((e) => e.event === 'sitrep'),
    'an organisation outside the audience hears nothing',
  );

  const formats = [
    ['html', 'en', 'text/html'],
    ['html', 'ar', 'text/html'],
    ['md', 'ckb', 'text/markdown'],
    ['pdf', 'ar', 'application/pdf'],
  ] as const;
  const before = new Map<string, Buffer>();
  const pesh = await s.signIn('peshmerga-viewer');
  for (const [format, lang, type] of formats) {
    const r = await bytes(s, pesh, `/api/v1/sitreps/${p.id}/report?format=${format}&lang=${lang}`);
    assert.equal(r.status, 200, `${format} ${lang}: ${r.body}`);
    assert.ok(r.headers.get('content-type')?.startsWith(type));
    before.set(`${format}-${lang}`, r.body);
  }
  assert.equal(before.get('pdf-ar')!.subarray(0, 5).toString(), '%PDF-');
  const download = await bytes(s, pesh, `/api/v1/sitreps/${p.id}/report?format=md&lang=ar&download=1`);
  assert.equal(download.headers.get('content-disposition'), 'attachment; filename="sitrep-k1-1-ar.md"');
  const outsider = await s.signIn('other-viewer');
  assert.equal((await bytes(s, outsider, `/api/v1/sitreps/${p.id}/report`)).status, 404, 'not released to other');

  await t.test('a week later, with new data, the released report is the same bytes; it refuses changes', async () => {
    clock.advance(7 * 86_400_000);
    const later = await s.signIn('isf-reporter');
    const added = await s.request('POST', '/api/v1/incidents', {
      cookie: later,
      json: incident('2026-03-01T23:00:00Z', 'partners', { civilians: { killed: 4, wounded: 0, abducted: 0 } }),
    });
    assert.equal(added.status, 201, added.text);
    const reader = await s.signIn('peshmerga-viewer');
    for (const [format, lang] of formats) {
      const r = await bytes(s, reader, `/api/v1/sitreps/${p.id}/report?format=${format}&lang=${lang}`);
      assert.ok(r.body.equals(before.get(`${format}-${lang}`)!), `${format} ${lang} unchanged`);
    }
    const again = await s.request('GET', `/api/v1/sitreps/${p.id}`, { cookie: reader });
    assert.deepEqual(again.body.content, p.content, 'the figures are frozen');
    const a = await s.signIn('isf-analyst');
    const patch = await s.request('PATCH', `/api/v1/sitreps/${p.id}`, {
      cookie: a,
      json: { assessment: 'x', version: 3 },
    });
    assert.equal(patch.status, 409, patch.text);
    assert.equal((await s.request('POST', `/api/v1/sitreps/${p.id}/refresh`, { cookie: a, json: {} })).status, 409);
    assert.equal(
      (await s.request('POST', `/api/v1/sitreps/${p.id}/release`, { cookie: a, json: { version: 3 } })).status,
      409,
    );

    const correction = await s.request('POST', '/api/v1/sitreps', {
      cookie: a,
      json: { jcc: 'k1', corrects: p.id, correction_note: 'Adds the killing reported late on 1 March.' },
    });
    assert.equal(correction.status, 201, correction.text);
    const c = correction.body;
    assert.equal(c.corrects, p.id);
    assert.equal(c.corrects_number, p.number, 'names the corrected report by its number too');
    assert.equal(c.correction_note, 'Adds the killing reported late on 1 March.');
    assert.equal(c.number, 3);
    const correctionHtml = await bytes(s, a, `/api/v1/sitreps/${c.id}/report?format=html&lang=en`);
    assert.ok(correctionHtml.body.toString('utf8').includes(`<dt>Corrects report</dt><dd>No. ${p.number}</dd>`));
    const correctionMd = await bytes(s, a, `/api/v1/sitreps/${c.id}/report?format=md&lang=ar`);
    assert.ok(correctionMd.body.toString('utf8').includes('**يصحّح التقرير:** رقم'));
    assert.equal(c.period_from, p.period_from);
    assert.equal(c.period_to, p.period_to);
    assert.equal(c.audience, 'partners');
    assert.deepEqual(c.content.incidents.casualties.total, { killed: 5, wounded: 0, abducted: 0 });
    const refreshed = await s.request('POST', `/api/v1/sitreps/${c.id}/refresh`, { cookie: a, json: {} });
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.equal(refreshed.body.version, 2);
    const notOwn = await s.request('POST', '/api/v1/sitreps', {
      cookie: await s.signIn('peshmerga-analyst'),
      json: { jcc: 'k1', corrects: p.id, correction_note: 'not ours' },
    });
    assert.equal(notOwn.status, 403, notOwn.text);
  });
});

test('the schedule drafts each JCC’s reports once per period, never twice', async (t) => {
  const clock = manualClock('2026-03-02T03:00:00.000Z');
  const { store } = await createFixture(t, { now: clock.now });
  const first = await draftScheduledSitreps(store);
  assert.deepEqual(
    first.map((s) => [s.originatorOrg, s.audience.scope, s.periodFrom, s.periodTo, s.number, s.createdBy]),
    [
      ['isf', 'partners', '2026-02-28T04:00:00.000Z', '2026-03-01T04:00:00.000Z', 1, null],
      ['peshmerga', 'partners', '2026-02-28T04:00:00.000Z', '2026-03-01T04:00:00.000Z', 2, null],
    ],
  );
  assert.deepEqual(await draftScheduledSitreps(store), [], 'a second run drafts nothing');
  clock.set('2026-03-02T03:59:00.000Z');
  assert.deepEqual(await draftScheduledSitreps(store), [], 'not yet due');
  clock.set('2026-03-02T04:00:00.000Z');
  const next = await draftScheduledSitreps(store);
  assert.deepEqual(
    next.map((s) => [s.originatorOrg, s.periodTo, s.number]),
    [
      ['isf', '2026-03-02T04:00:00.000Z', 3],
      ['peshmerga', '2026-03-02T04:00:00.000Z', 4],
    ],
  );
  assert.deepEqual(await draftScheduledSitreps(store), []);
  const s = await startServer(t, store);
  const list = await s.request('GET', '/api/v1/sitreps?jcc=k1', { cookie: await s.signIn('isf-analyst') });
  assert.deepEqual(
    list.body.items.map((x: { number: number }) => x.number),
    [3, 1],
    'ISF sees its own drafts only',
  );
});

test('without Chromium a PDF answers 503 naming the Debian package; HTML and Markdown still work', async (t) => {
  const clock = manualClock('2026-03-02T06:00:00.000Z');
  const { store } = await createFixture(t, { now: clock.now });
  const s = await startServer(t, store, { chromiumPath: '/nonexistent/chromium' });
  const analyst = await s.signIn('isf-analyst');
  const draft = await s.request('POST', '/api/v1/sitreps', { cookie: analyst, json: { jcc: 'k1' } });
  assert.equal(draft.status, 201, draft.text);
  const pdf = await s.request('GET', `/api/v1/sitreps/${draft.body.id}/report?format=pdf`, { cookie: analyst });
  assert.equal(pdf.status, 503, pdf.text);
  assert.match(pdf.body.error.message, /chromium/);
  for (const format of ['html', 'md']) {
    const r = await s.request('GET', `/api/v1/sitreps/${draft.body.id}/report?format=${format}&lang=ckb`, {
      cookie: analyst,
    });
    assert.equal(r.status, 200, r.text);
  }
});
