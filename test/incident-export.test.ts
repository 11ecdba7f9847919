import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCsv } from '../src/io/csv.ts';
import { listAudit } from '../src/service/audit.ts';
import { exportMediaTypes } from '../src/service/incident-export.ts';
import { assertExit } from './harness/cli-exit.ts';
import { createFixture, startServer, type TestServer } from './harness/fixture.ts';
import { kirkukIed } from './harness/http-client.ts';
import { runSeam } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

const formula = '=HYPERLINK("http://example.invalid","click")';

/** The record ids in an export, whatever its format. */
function idsOf(format: string, text: string): string[] {
  if (format === 'geojson') {
    return (JSON.parse(text) as { features: { properties: { id: string } }[] }).features.map((f) => f.properties.id);
  }
  if (format === 'csv') {
    const [header, ...rows] = [...readCsv(text)].map((r) => r.fields);
    const col = header.indexOf('event_id_cnty');
    return rows.map((r) => r[col]);
  }
  return [...text.matchAll(/<Data name="id"><value>([^<]+)<\/value><\/Data>/g)].map((m) => m[1]);
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

/**
 * Five incidents of different owners and audiences in JCC k1 (isf, peshmerga):
 * isfOrg (isf only), isfPartners (isf, peshmerga), peshCoalition (everyone), isfTearline (isf whole,
 * everyone else its tearline only), peshIntel (group intel: peshmerga, coalition).
 */
async function seed(s: TestServer) {
  const isf = await s.signIn('isf-reporter');
  const pesh = await s.signIn('peshmerga-reporter');
  const report = async (cookie: string, extra: Record<string, unknown>) => {
    const r = await s.request('POST', '/api/v1/incidents', { cookie, json: { ...kirkukIed(), ...extra } });
    assert.equal(r.status, 201, r.text);
    return r.body.id as string;
  };
  return {
    isfOrg: await report(isf, { releasability: 'org', narrative: formula }),
    isfPartners: await report(isf, { releasability: 'partners', type: 'sighting' }),
    peshCoalition: await report(pesh, { releasability: 'coalition', lon: 44.41 }),
    isfTearline: await report(isf, {
      releasability: 'org',
      tearline: { releasability: 'coalition', summary: 'IED near Kirkuk' },
    }),
    peshIntel: await report(pesh, { releasability: 'group:intel', type: 'arrest' }),
  };
}

test('the API export streams exactly the records each user may see whole, in every format, audited', async (t) => {
  const { store } = await createFixture(t);
  const s = await startServer(t, store);
  const ids = await seed(s);
  const expected: Record<string, string[]> = {
    isf: [ids.isfOrg, ids.isfPartners, ids.peshCoalition, ids.isfTearline],
    peshmerga: [ids.isfPartners, ids.peshCoalition, ids.peshIntel],
    coalition: [ids.peshCoalition, ids.peshIntel],
    other: [ids.peshCoalition],
  };
  const day = store.now().toISOString().slice(0, 10);
  for (const [org, want] of Object.entries(expected)) {
    const cookie = await s.signIn(`${org}-analyst`);
    if (org !== 'isf') {
      const list = await s.request('GET', '/api/v1/incidents', { cookie });
      const tearline = list.body.items.find((i: { id: string }) => i.id === ids.isfTearline);
      assert.equal(tearline?.tearline, true, `${org} sees the tearline in the list`);
    }
    for (const format of ['geojson', 'csv', 'kml'] as const) {
      const r = await s.request('GET', `/api/v1/incidents/export?format=${format}`, { cookie });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers.get('content-type'), exportMediaTypes[format]);
      assert.equal(r.headers.get('content-disposition'), `attachment; filename="seam-incidents-${day}.${format}"`);
      assert.deepEqual(sorted(idsOf(format, r.text)), sorted(want), `${org} ${format}`);
      if (org !== 'isf') assert.ok(!r.text.includes('IED near Kirkuk'), 'no tearline text in an export');
      const [audit] = await listAudit(store, { action: 'incidents.export' }, 1);
      assert.equal(audit.username, `${org}-analyst`);
      const detail = JSON.parse(audit.detail!);
      assert.equal(detail.format, format);
      assert.equal(detail.count, want.length);
      assert.equal(detail.completed, true);
    }
  }
});

test('exported CSV neutralises formulas; filters apply; bad queries are refused', async (t) => {
  const { store } = await createFixture(t);
  const s = await startServer(t, store);
  const ids = await seed(s);
  const cookie = await s.signIn('isf-analyst');

  const csv = await s.request('GET', '/api/v1/incidents/export?format=csv', { cookie });
  const raw = await fetch(`${s.url}/api/v1/incidents/export?format=csv`, { headers: { cookie } });
  assert.deepEqual(
    [...new Uint8Array(await raw.arrayBuffer()).subarray(0, 3)],
    [0xef, 0xbb, 0xbf],
    'a byte order mark',
  );
  const [header, ...rows] = [...readCsv(csv.text)].map((r) => r.fields);
  const row = rows.find((r) => r[header.indexOf('event_id_cnty')] === ids.isfOrg)!;
  assert.equal(row[header.indexOf('notes')], `'${formula}`);
  assert.ok(!csv.text.includes(`,"${formula.replaceAll('"', '""')}"`), 'never the bare formula');

  const filtered = await s.request('GET', '/api/v1/incidents/export?format=geojson&type=sighting,arrest', { cookie });
  assert.deepEqual(idsOf('geojson', filtered.text), [ids.isfPartners]);
  const [audit] = await listAudit(store, { action: 'incidents.export' }, 1);
  assert.deepEqual(JSON.parse(audit.detail!).filter.types, ['sighting', 'arrest']);
  const empty = await s.request('GET', '/api/v1/incidents/export?format=kml&q=nothingmatchesthis', { cookie });
  assert.equal(empty.status, 200);
  assert.deepEqual(idsOf('kml', empty.text), []);

  for (const query of ['format=xlsx', 'format=csv&frob=1', 'type=ied', 'format=csv&bbox=1,2']) {
    const r = await s.request('GET', `/api/v1/incidents/export?${query}`, { cookie });
    assert.equal(r.status, 400, query);
    assert.equal(r.body.error.code, 'validation');
  }
  assert.equal((await s.request('GET', '/api/v1/incidents/export?format=csv')).status, 401);

  const doc = await s.request('GET', '/api/v1/openapi.json');
  const op = doc.body.paths['/api/v1/incidents/export'].get;
  assert.match(op.description, /Tearlines are never exported/);
  assert.match(op.description, /Every export is audited/);
});

test('seam export writes the same records as the API, to a file or standard output', async (t) => {
  const { store, dir } = await createFixture(t);
  const s = await startServer(t, store);
  const ids = await seed(s);
  const out = tempDir(t);
  const isfWhole = sorted([ids.isfOrg, ids.isfPartners, ids.peshCoalition, ids.isfTearline]);
  for (const format of ['geojson', 'csv', 'kml']) {
    const file = join(out, `export.${format}`);
    const r = await runSeam(['export', '--user', 'isf-analyst', '--format', format, '--out', file], { dataDir: dir });
    assertExit(r, 0);
    assert.equal(r.stdout, `exported 4 incidents to ${file}\n`);
    assert.deepEqual(sorted(idsOf(format, readFileSync(file, 'utf8'))), isfWhole, format);
  }
  assert.deepEqual(readdirSync(out).sort(), ['export.csv', 'export.geojson', 'export.kml'], 'no .partial left');

  const other = await runSeam(['export', '--user', 'coalition-viewer', '--format', 'geojson'], { dataDir: dir });
  assertExit(other, 0);
  assert.deepEqual(sorted(idsOf('geojson', other.stdout)), sorted([ids.peshCoalition, ids.peshIntel]));
  const [audit] = await listAudit(store, { action: 'incidents.export' }, 1);
  assert.equal(audit.username, 'coalition-viewer');
  assert.equal(JSON.parse(audit.detail!).count, 2);

  const csv = await runSeam(['export', '--user', 'isf-analyst', '--format', 'csv', '--q', 'HYPERLINK'], {
    dataDir: dir,
  });
  assertExit(csv, 0);
  const [header, row] = [...readCsv(csv.stdout)].map((r) => r.fields);
  assert.equal(row[header.indexOf('notes')], `'${formula}`);

  const bbox = await runSeam(['export', '--user', 'isf-analyst', '--format', 'geojson', '--bbox', '-10,30,44.40,40'], {
    dataDir: dir,
  });
  assertExit(bbox, 0);
  assert.deepEqual(sorted(idsOf('geojson', bbox.stdout)), sorted([ids.isfOrg, ids.isfPartners, ids.isfTearline]));

  const mistakes = await Promise.all(
    [
      ['export', '--format', 'csv'],
      ['export', '--user', 'isf-analyst'],
      ['export', '--user', 'isf-analyst', '--format', 'pdf'],
      ['export', '--user', 'isf-analyst', '--format', 'csv', '--since', 'yesterday'],
      ['export', '--user', 'isf-analyst', '--format', 'csv', '--type', 'picnic'],
    ].map((args) => runSeam(args, { dataDir: dir })),
  );
  for (const r of mistakes) assertExit(r, 2, /^seam export: .*\(see seam export --help\)$/);
  assertExit(
    await runSeam(['export', '--user', 'ghost', '--format', 'csv', '--out', join(out, 'x.csv')], { dataDir: dir }),
    1,
    /^seam export: no user "ghost"$/,
  );
  assert.equal(existsSync(join(out, 'x.csv')), false);
});
