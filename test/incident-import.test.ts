import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import type { Incident } from '../src/domain/incident.ts';
import { readCsv } from '../src/io/csv.ts';
import { listAudit } from '../src/service/audit.ts';
import type { Store } from '../src/store/store.ts';
import { assertExit } from './harness/cli-exit.ts';
import { createFixture } from './harness/fixture.ts';
import { runSeam } from './harness/process.ts';
import { withRawSql } from './harness/raw-sql.ts';
import { tempDir } from './harness/temp-dir.ts';

const fixtures = join(import.meta.dirname, 'fixtures/io');
const acledSample = join(fixtures, 'acled-sample.csv');

async function bySource(store: Store, source: string, sourceId: string): Promise<Incident> {
  const row = withRawSql(store, (db) =>
    db.prepare('SELECT id FROM incidents WHERE source = ? AND source_id = ?').get(source, sourceId),
  ) as { id: string } | undefined;
  assert.ok(row, `no ${source} incident ${sourceId}`);
  return (await store.incidents.find(row.id))!;
}

/** The ACLED sample with two bad rows: an impossible date on line 6 and a latitude out of range on line 8. */
function brokenAcled(t: TestContext): string {
  const text = readFileSync(acledSample, 'utf8').replace('2023-06-02', '2023-13-45').replace(',35.1396,', ',95.1396,');
  const file = join(tempDir(t), 'broken.csv');
  writeFileSync(file, text);
  return file;
}

const importJson = (file: string, format: string, ...more: string[]) => [
  'import',
  file,
  '--format',
  format,
  '--org',
  'isf',
  '--json',
  ...more,
];

/** The JSON summary of a first import in which every row was read and imported. */
const wholeImport = (rows: number, format: string, absent: string[] = []) => ({
  imported: rows,
  skipped: 0,
  rejected: 0,
  read: rows,
  format,
  errors: [],
  absent_columns: absent,
});

test('each format imports end to end through the CLI, and a second import changes nothing', async (t) => {
  const { store, dir } = await createFixture(t);
  const cases = [
    { file: 'ucdp-ged-sample.csv', format: 'ucdp-ged', rows: 7 },
    { file: 'acled-sample.csv', format: 'acled', rows: 6 },
    { file: 'incidents.geojson', format: 'geojson', rows: 3 },
    { file: 'incidents.kml', format: 'kml', rows: 3 },
  ];
  for (const c of cases) {
    const r = await runSeam(importJson(join(fixtures, c.file), c.format), { dataDir: dir });
    assertExit(r, 0);
    assert.equal(r.stdout.trim().split('\n').length, 1, 'exactly one JSON object');
    const summary = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(summary), [
      'imported',
      'skipped',
      'rejected',
      'read',
      'format',
      'errors',
      'absent_columns',
    ]);
    assert.deepEqual(summary, wholeImport(c.rows, c.format));
  }
  assert.equal(await store.incidents.count(), 7 + 6 + 3 + 3);

  const ucdp = await bySource(store, 'ucdp-ged', '244657');
  assert.equal(ucdp.type, 'armed_clash');
  assert.equal(ucdp.time, '2017-03-13T00:00:00.000Z');
  assert.equal(ucdp.jcc, 'k1', 'enriched: inside the Kirkuk AOR');
  assert.equal(ucdp.ownerOrg, 'isf');
  assert.deepEqual(ucdp.releasability, { scope: 'partners' }, 'the default releasability');
  assert.equal(ucdp.reporterId, null, 'the local operator');
  const acled = await bySource(store, 'acled', 'IRQ10002');
  assert.equal(acled.type, 'ied');
  assert.deepEqual([acled.lon, acled.lat], [45.16, 34.2711]);
  assert.equal((await bySource(store, 'acled', 'SEAM-0001')).exercise, true, 'the seam-exercise tag');
  const geojson = await bySource(store, 'geojson', 'JCC-K-2024-0042');
  assert.equal(geojson.type, 'checkpoint_attack');
  assert.equal(geojson.time, '2024-03-02T18:15:00.000Z');
  assert.deepEqual(geojson.grading, { reliability: 'B', credibility: 2 });
  assert.deepEqual(geojson.casualties.forces, [{ org: 'peshmerga', killed: 1, wounded: 2, abducted: 0 }]);
  const kml = await bySource(store, 'kml', 'DIY-77');
  assert.equal(kml.type, 'abduction');
  assert.equal(kml.casualties.civilians.abducted, 2);
  assert.equal(kml.exercise, true);

  const seq = await store.changeLog.lastSeq();
  for (const c of cases) {
    const r = await runSeam(importJson(join(fixtures, c.file), c.format), { dataDir: dir });
    assertExit(r, 0);
    const again = JSON.parse(r.stdout);
    assert.equal(again.imported, 0, c.file);
    assert.equal(again.skipped, c.rows, c.file);
  }
  assert.equal(await store.changeLog.lastSeq(), seq, 'the change log did not move');
  assert.equal(await store.incidents.count(), 19);
  const audit = await listAudit(store, { action: 'incidents.import' }, 100);
  assert.equal(audit.length, 8, 'every import is audited, the no-op ones included');
});

test('files as HDX publishes them (an HXL row, descriptive columns absent) import whole; again, every row is skipped', async (t) => {
  const { store, dir } = await createFixture(t);
  const cases = [
    { file: 'ucdp-ged-hdx-irq.csv', format: 'ucdp-ged', rows: 6, absent: ['where_description'] },
    { file: 'acled-hdx-irq.csv', format: 'acled', rows: 4, absent: ['tags'] },
  ];
  for (const c of cases) {
    const r = await runSeam(importJson(join(fixtures, c.file), c.format), { dataDir: dir });
    assertExit(r, 0);
    assert.deepEqual(JSON.parse(r.stdout), wholeImport(c.rows, c.format, c.absent));
  }
  assert.equal(await store.incidents.count(), 10);
  const daquq = await bySource(store, 'ucdp-ged', '512301');
  assert.deepEqual([daquq.type, daquq.time, daquq.place], ['armed_clash', '2021-12-12T00:00:00.000Z', 'Daquq town']);
  assert.equal((await bySource(store, 'ucdp-ged', '512302')).casualties.civilians.killed, 2);
  assert.equal((await bySource(store, 'acled', 'IRQ10003')).casualties.civilians.killed, 4);
  const [audit] = await listAudit(store, { action: 'incidents.import' }, 1);
  assert.deepEqual(JSON.parse(audit.detail ?? '{}').absent_columns, ['tags']);

  const seq = await store.changeLog.lastSeq();
  for (const c of cases) {
    const r = await runSeam(['import', join(fixtures, c.file), '--format', c.format, '--org', 'isf'], { dataDir: dir });
    assertExit(r, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(
      lines[0],
      new RegExp(
        `^imported 0 incidents from .*${c.file} \\(${c.format}\\): ${c.rows} read, ${c.rows} skipped as already imported, 0 rejected$`,
      ),
    );
    assert.deepEqual(lines.slice(1), [`optional columns absent from the file, left empty: ${c.absent.join(', ')}`]);
  }
  assert.equal(await store.changeLog.lastSeq(), seq, 'nothing changed');
  assert.equal(await store.incidents.count(), 10);
});

test('--user names the reporter and must belong to --org; --exercise marks every record', async (t) => {
  const { store, dir } = await createFixture(t);
  const file = join(fixtures, 'incidents.geojson');
  assertExit(
    await runSeam(importJson(file, 'geojson', '--user', 'peshmerga-reporter'), { dataDir: dir }),
    1,
    /^seam import: user "peshmerga-reporter" belongs to peshmerga, not isf$/,
  );
  assertExit(
    await runSeam(importJson(file, 'geojson', '--user', 'isf-viewer'), { dataDir: dir }),
    1,
    /^seam import: this action needs one of the roles/,
  );
  assertExit(await runSeam(importJson(file, 'geojson', '--user', 'nobody'), { dataDir: dir }), 1, /no user "nobody"/);
  assert.equal(await store.incidents.count(), 0);

  const r = await runSeam(importJson(file, 'geojson', '--user', 'isf-reporter', '--exercise'), { dataDir: dir });
  assertExit(r, 0);
  const reporter = (await store.users.findByName('isf-reporter'))!;
  const imported = await Promise.all(
    ['JCC-K-2024-0042', '17', 'field-report-9'].map((id) => bySource(store, 'geojson', id)),
  );
  for (const i of imported) {
    assert.equal(i.reporterId, reporter.id);
    assert.equal(i.exercise, true);
  }
  const [entry] = await listAudit(store, { action: 'incidents.import' }, 1);
  assert.equal(entry.username, 'isf-reporter');
});

test('a file with bad rows is refused whole, naming each line and field; nothing is written', async (t) => {
  const { store, dir } = await createFixture(t);
  const broken = brokenAcled(t);
  const seq = await store.changeLog.lastSeq();
  const r = await runSeam(['import', broken, '--format', 'acled', '--org', 'isf'], { dataDir: dir });
  assertExit(
    r,
    1,
    /^seam import: import refused, 2 errors: line 6: event_date: expected a date YYYY-MM-DD, got "2023-13-45"; line 8: latitude: /,
  );
  assert.equal(r.stdout, '');
  assert.equal(await store.changeLog.lastSeq(), seq, 'the change log did not move');
  assert.equal(await store.incidents.count(), 0);
  assert.equal(existsSync(`${broken}.rejects.csv`), false);
});

test('--skip-invalid imports the valid rows and writes every rejected one, with its line, to the rejects file', async (t) => {
  const { store, dir } = await createFixture(t);
  const broken = brokenAcled(t);
  const r = await runSeam(['import', broken, '--format', 'acled', '--org', 'isf', '--skip-invalid'], { dataDir: dir });
  assertExit(r, 0);
  assert.match(
    r.stdout,
    /^imported 4 incidents from .*broken\.csv \(acled\): 6 read, 0 skipped as already imported, 2 rejected\n/,
  );
  assert.match(r.stdout, /\n {2}line 6: event_date: expected a date YYYY-MM-DD, got "2023-13-45"\n/);
  assert.match(r.stdout, /\n {2}line 8: latitude: latitude 95\.1396 is outside -90\.\.90\n/);
  assert.equal(await store.incidents.count(), 4);
  const rejects = [...readCsv(readFileSync(`${broken}.rejects.csv`, 'utf8'))].map((rec) => rec.fields);
  assert.deepEqual(rejects, [
    ['line', 'where', 'field', 'reason'],
    ['6', 'line 6', 'event_date', 'expected a date YYYY-MM-DD, got "2023-13-45"'],
    ['8', 'line 8', 'latitude', 'latitude 95.1396 is outside -90..90'],
  ]);

  // Named rejects file, JSON summary: the two bad rows again, the valid ones now already imported.
  const named = join(tempDir(t), 'rejected.csv');
  const j = await runSeam(
    ['import', broken, '--format', 'acled', '--org', 'isf', '--skip-invalid', '--rejects', named, '--json'],
    { dataDir: dir },
  );
  assertExit(j, 0);
  const summary = JSON.parse(j.stdout);
  assert.deepEqual(
    { ...summary, errors: summary.errors.map((e: { line: number; field: string }) => [e.line, e.field]) },
    {
      imported: 0,
      skipped: 4,
      rejected: 2,
      read: 6,
      format: 'acled',
      errors: [
        [6, 'event_date'],
        [8, 'latitude'],
      ],
      absent_columns: [],
    },
  );
  assert.equal([...readCsv(readFileSync(named, 'utf8'))].length, 3);
  assert.equal(existsSync(`${named}.partial`), false);
});

test('a CSV missing columns is refused naming every missing column, with or without --skip-invalid', async (t) => {
  const { store, dir } = await createFixture(t);
  const [header, firstRow] = readFileSync(acledSample, 'utf8').split('\n');
  const columns = header.split(',');
  const keep = columns.map((c) => !['event_date', 'latitude'].includes(c));
  const cut = (line: string) =>
    line
      .split(',')
      .filter((_, n) => keep[n])
      .join(',');
  const file = join(tempDir(t), 'missing.csv');
  writeFileSync(file, `${cut(header)}\n${cut(firstRow)}\n`);
  for (const more of [[], ['--skip-invalid']]) {
    const r = await runSeam(['import', file, '--format', 'acled', '--org', 'isf', ...more], { dataDir: dir });
    assertExit(
      r,
      1,
      /^seam import: import refused, 1 error: line 1: header: the ACLED CSV header lacks columns event_date, latitude$/,
    );
  }
  assert.equal(await store.incidents.count(), 0);
});

test('usage mistakes exit 2 with one line', async (t) => {
  const { dir } = await createFixture(t);
  const runs = await Promise.all(
    [
      ['import'],
      ['import', acledSample, '--org', 'isf'],
      ['import', acledSample, '--format', 'xlsx', '--org', 'isf'],
      ['import', acledSample, '--format', 'acled'],
      ['import', acledSample, '--format', 'acled', '--org', 'isf', '--rejects', 'x.csv'],
      ['import', acledSample, 'second.csv', '--format', 'acled', '--org', 'isf'],
      ['import', acledSample, '--format', 'acled', '--org', 'isf', '--frob'],
    ].map((args) => runSeam(args, { dataDir: dir })),
  );
  for (const r of runs) assertExit(r, 2, /^seam import: .*\(see seam import --help\)$/);
  assertExit(
    await runSeam(['import', join(dir, 'nope.csv'), '--format', 'acled', '--org', 'isf'], { dataDir: dir }),
    1,
    /^seam import: cannot read /,
  );
  assertExit(
    await runSeam(['import', acledSample, '--format', 'acled', '--org', 'nato'], { dataDir: dir }),
    1,
    /^seam import: org: no organisation "nato"$/,
  );
  const help = await runSeam(['import', '--help']);
  assertExit(help, 0);
  assert.match(help.stdout, /^Usage: seam import FILE --format ucdp-ged\|acled\|geojson\|kml --org ORG/);
});
