import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Presence } from '../src/domain/presence.ts';
import { newId } from '../src/store/ids.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { openSse } from './harness/sse.ts';

const inKirkuk = { lon: 44.39, lat: 35.47 };

test('the live stream sends each user exactly the changes they may see, in commit order, resumably', async (t) => {
  const { store } = await createFixture(t, { roles: ['analyst', 'viewer'] });
  const s = await startServer(t, store);
  const isf = await s.signIn('isf-analyst');
  const cookies = {
    peshmerga: await s.signIn('peshmerga-viewer'),
    coalition: await s.signIn('coalition-viewer'),
    other: await s.signIn('other-viewer'),
  };
  const streams = Object.fromEntries(
    await Promise.all(
      Object.entries(cookies).map(
        async ([org, cookie]) => [org, await openSse(`${s.url}/api/v1/stream`, { cookie })] as const,
      ),
    ),
  );
  t.after(() => {
    for (const c of Object.values(streams)) c.close();
  });
  for (const c of Object.values(streams)) assert.equal(c.status, 200);

  const post = async (body: Record<string, unknown>) => {
    const r = await s.request('POST', '/api/v1/incidents', {
      cookie: isf,
      json: { type: 'ied', time: '2026-01-01T10:00:00Z', ...inKirkuk, ...body },
    });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const partners = await post({ narrative: 'for partners' });
  const ownOnly = await post({ releasability: 'org', narrative: 'secret' });
  const withTearline = await post({
    releasability: 'org',
    narrative: 'secret with tearline',
    grading: 'A1',
    tearline: { releasability: 'coalition', summary: 'IED reported near Kirkuk' },
  });
  const coalitionWide = await post({ releasability: 'coalition' });

  const idsOf = (org: keyof typeof streams) =>
    streams[org].events.filter((e) => e.event === 'incident').map((e) => e.data.record.id);
  await streams.peshmerga.until((ev) => ev.some((e) => e.data.record.id === coalitionWide.id));
  await streams.coalition.until((ev) => ev.some((e) => e.data.record.id === coalitionWide.id));
  await streams.other.until((ev) => ev.some((e) => e.data.record.id === coalitionWide.id));

  assert.deepEqual(idsOf('peshmerga'), [partners.id, withTearline.id, coalitionWide.id]);
  assert.deepEqual(idsOf('coalition'), [withTearline.id, coalitionWide.id]);
  assert.deepEqual(idsOf('other'), [withTearline.id, coalitionWide.id]);
  for (const org of ['peshmerga', 'coalition', 'other'] as const) {
    assert.ok(!idsOf(org).includes(ownOnly.id), `${org} never hears of the org-only incident`);
    const tl = streams[org].events.find((e) => e.data.record.id === withTearline.id)!;
    assert.equal(tl.data.record.tearline, true);
    assert.equal(tl.data.record.narrative, undefined);
    assert.equal(tl.data.record.grading, undefined);
    assert.equal(tl.data.record.summary, 'IED reported near Kirkuk');
    assert.notEqual(tl.data.record.lon, inKirkuk.lon, 'the tearline location is coarsened');
    const seqs = streams[org].events.map((e) => Number(e.id));
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'commit order',
    );
  }

  // The stream presents a record exactly as the REST API does.
  const rest = await s.request('GET', `/api/v1/incidents/${partners.id}`, { cookie: cookies.peshmerga });
  const streamed = streams.peshmerga.events.find((e) => e.data.record.id === partners.id)!;
  assert.deepEqual(streamed.data.record, rest.body);

  // Narrowing: peshmerga no longer hears of the incident's updates.
  const narrowed = await s.request('POST', `/api/v1/incidents/${partners.id}/releasability`, {
    cookie: isf,
    json: { releasability: 'org' },
  });
  assert.equal(narrowed.status, 200, narrowed.text);
  const marker = await post({ releasability: 'coalition', narrative: 'marker' });
  await streams.peshmerga.until((ev) => ev.some((e) => e.data.record.id === marker.id));
  assert.equal(streams.peshmerga.events.filter((e) => e.data.record.id === partners.id).length, 1);

  // Resume: reconnecting with Last-Event-ID replays what came after it, and nothing before.
  const firstSeq = streams.peshmerga.events[0].id!;
  const resumed = await openSse(`${s.url}/api/v1/stream`, { cookie: cookies.peshmerga, 'last-event-id': firstSeq });
  t.after(() => resumed.close());
  await resumed.until((ev) => ev.some((e) => e.data.record.id === marker.id));
  assert.deepEqual(
    resumed.events.map((e) => e.id),
    streams.peshmerga.events.slice(1).map((e) => e.id),
  );
});

test('the stream needs a user, refuses a bad Last-Event-ID and starts at the given position', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer'] });
  const s = await startServer(t, store);
  assert.equal((await fetch(`${s.url}/api/v1/stream`)).status, 401);
  const cookie = await s.signIn('isf-viewer');
  const bad = await s.request('GET', '/api/v1/stream', { cookie, headers: { 'last-event-id': 'abc' } });
  assert.equal(bad.status, 400);
  const from = await store.changeLog.lastSeq();
  const stream = await openSse(`${s.url}/api/v1/stream?after=${from}`, { cookie });
  t.after(() => stream.close());
  assert.equal(stream.status, 200);
  await sleep(50);
  assert.deepEqual(stream.events, []);
});

test('the live stream sends presence only to those it is released to, and never users', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer'] });
  const s = await startServer(t, store);
  const after = await store.changeLog.lastSeq();
  const open = async (user: string) =>
    openSse(`${s.url}/api/v1/stream?after=${after}`, { cookie: await s.signIn(user) });
  const isf = await open('isf-viewer');
  const other = await open('other-viewer');
  t.after(() => {
    isf.close();
    other.close();
  });
  const checkpoint = (id: string, releasability: Presence['releasability']): Presence => ({
    id,
    kind: 'checkpoint',
    org: 'isf',
    name: id,
    geometry: { type: 'Point', coordinates: [inKirkuk.lon, inKirkuk.lat] },
    radiusKm: 2,
    activeFrom: '2026-01-01T00:00:00.000Z',
    activeTo: null,
    releasability,
    exercise: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
  await store.write(null, async (tx) => {
    await tx.presence.insert(checkpoint('cp-own', { scope: 'org' }));
    await tx.presence.insert(checkpoint('cp-all', { scope: 'coalition' }));
    await tx.users.insert({
      id: newId(),
      username: 'late-user',
      org: 'isf',
      roles: ['viewer'],
      disabled: false,
      passwordHash: 'x',
      createdAt: tx.at,
      updatedAt: tx.at,
    });
    await tx.organisations.insert({ id: newId(), code: 'zz-end', name: 'zz-end', createdAt: tx.at });
  });
  const seen = async (c: Awaited<ReturnType<typeof open>>) => {
    await c.until((ev) => ev.some((e) => e.event === 'organisation' && e.data.record.code === 'zz-end'));
    return c.events.map((e) => `${e.event}:${e.data.record.id ?? ''}`).filter((e) => !e.startsWith('organisation'));
  };
  assert.deepEqual(await seen(isf), ['presence:cp-own', 'presence:cp-all']);
  assert.deepEqual(await seen(other), ['presence:cp-all']);
  assert.equal(isf.events.find((e) => e.event === 'presence')!.data.record.radius_km, 2);
});
