import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { disableUser } from '../src/service/users.ts';
import { databaseFile, openStore } from '../src/store/store.ts';
import { assertExit, jsonLines } from './harness/cli-exit.ts';
import { createFixture, startServer, type TestServer } from './harness/fixture.ts';
import { demoPassword, runSeam } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

const add = (user: string, ...more: string[]) => [
  'incident',
  'add',
  '--user',
  user,
  '--type',
  'ied',
  '--time',
  '2026-01-01T06:00:00Z',
  ...more,
];

test('seam incident add reports through the one write path, with the API body and presenter', async (t) => {
  const { store, dir } = await createFixture(t);
  const s = await startServer(t, store);
  const text = await runSeam(add('isf-reporter', '--lon', '44.39', '--lat', '35.47', '--narrative', 'culvert IED'), {
    dataDir: dir,
  });
  assertExit(text, 0);
  const [id, summary] = text.stdout.trim().split('\n');
  assert.match(id, /^[0-9a-f-]{36}$/);
  assert.equal(summary, 'ied at 2026-01-01T06:00:00.000Z  44.39000,35.47000  jcc k1  no district  gap unknown');

  const json = await runSeam(
    add(
      'peshmerga-analyst',
      '--lon',
      '44.4',
      '--lat',
      '35.5',
      '--time-precision',
      'week',
      '--grading',
      'C3',
      '--releasability',
      'org',
      '--tearline',
      'partners',
      '--tearline-summary',
      'IED near Kirkuk',
      '--civilians-killed',
      '1',
      '--civilians-abducted',
      '2',
      '--json',
    ),
    { dataDir: dir },
  );
  assertExit(json, 0);
  const [created] = jsonLines(json);
  const cookie = await s.signIn('peshmerga-analyst');
  const read = await s.request('GET', `/api/v1/incidents/${created.id}`, { cookie });
  assert.deepEqual(created, read.body, 'the presenter of the API');
  assert.equal(created.time_precision, 'week');
  assert.equal(created.grading, 'C3');
  assert.equal(created.releasability, 'org');
  assert.deepEqual(created.tearline, { releasability: 'partners', summary: 'IED near Kirkuk' });
  assert.deepEqual(created.casualties, { forces: [], civilians: { killed: 1, wounded: 0, abducted: 2 } });
  assert.equal(created.reporter_id, (await store.users.findByName('peshmerga-analyst'))!.id);
  const isf = await s.signIn('isf-viewer');
  assert.equal((await s.request('GET', `/api/v1/incidents/${created.id}`, { cookie: isf })).body.tearline, true);

  const west = await runSeam(add('other-reporter', '--lon', '-73.9', '--lat', '40.7', '--json'), { dataDir: dir });
  assertExit(west, 0);
  assert.deepEqual([jsonLines(west)[0].lon, jsonLines(west)[0].jcc], [-73.9, null], 'a negative longitude is a value');
  assert.equal(await store.incidents.count(), 3);
});

test('seam incident add: usage mistakes exit 2, refusals exit 1, nothing written', async (t) => {
  const { store, dir } = await createFixture(t);
  await disableUser(store, null, 'other-reporter');
  const usage = await Promise.all(
    [
      ['incident'],
      ['incident', 'remove'],
      ['incident', 'add', '--type', 'ied', '--time', '2026-01-01T06:00:00Z', '--lon', '44', '--lat', '35'],
      add('isf-reporter'),
      add('isf-reporter', '--lon', '44'),
      add('isf-reporter', '--lon', 'east', '--lat', '35'),
      add('isf-reporter', '--lon', '44', '--lat', '35', '--mgrs', '38SME4465625337'),
      add('isf-reporter', '--lon', '44', '--lat', '35', '--civilians-killed', 'many'),
      add('isf-reporter', '--lon', '44', '--lat', '35', '--tearline-summary', 'x'),
      add('isf-reporter', '--lon', '44', '--lat', '35', '--colour', 'red'),
    ].map((args) => runSeam(args, { dataDir: dir })),
  );
  for (const r of usage) assertExit(r, 2, /^seam incident: .*\(see seam incident --help\)$/);
  const refused: Array<[string[], RegExp]> = [
    [add('ghost', '--lon', '44', '--lat', '35'), /^seam incident: no user "ghost"$/],
    [add('other-reporter', '--lon', '44', '--lat', '35'), /^seam incident: user "other-reporter" is disabled$/],
    [add('isf-viewer', '--lon', '44', '--lat', '35'), /^seam incident: this action needs one of the roles: /],
    [add('isf-reporter', '--lon', '200', '--lat', '35'), /^seam incident: lon: Too big/],
    [add('isf-reporter', '--lon', '44', '--lat', '35', '--grading', 'Z9'), /^seam incident: grading: expected/],
    [
      [
        'incident',
        'add',
        '--user',
        'isf-reporter',
        '--type',
        'ied',
        '--time',
        '2999-01-01T00:00:00Z',
        '--lon',
        '44',
        '--lat',
        '35',
      ],
      /^seam incident: time: lies in the future$/,
    ],
    [
      add('isf-reporter', '--place', 'Kirkuk'),
      /^seam incident: place: cannot resolve "Kirkuk": no administrative boundaries/,
    ],
  ];
  for (const [args, reason] of refused) assertExit(await runSeam(args, { dataDir: dir }), 1, reason);
  assert.equal(await store.incidents.count(), 0);
  const help = await runSeam(['incident', '--help']);
  assertExit(help, 0);
  assert.match(help.stdout, /^Usage:\n {2}seam incident add --user USERNAME --type TYPE --time TIME/);
});

/** The demo site, shared by the list tests below; they only read it. */
let demoDir: string;
let server: TestServer;
const user = 'peshmerga-analyst';
let cookie: string;

const cleanups: Array<() => void | Promise<void>> = [];
const suite = { after: (fn: () => void | Promise<void>) => void cleanups.push(fn) };
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

before(async () => {
  const t = suite;
  demoDir = tempDir(t);
  assertExit(await runSeam(['demo', '--seed', '1', '--as-of', '2026-11-01T00:00:00Z'], { dataDir: demoDir }), 0);
  const store = openStore(databaseFile(demoDir));
  t.after(() => store.close());
  server = await startServer(t, store);
  cookie = await server.signIn(user, demoPassword(demoDir, user));
});

/** Every incident the API lists for the query, in its order, as it presents them. */
// biome-ignore lint/suspicious/noExplicitAny: presented incidents, compared whole
async function apiItems(query: string): Promise<any[]> {
  const items = [];
  let cursor: string | null = null;
  do {
    const page = `/api/v1/incidents?limit=1000${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await server.request('GET', page, { cookie });
    assert.equal(r.status, 200, r.text);
    items.push(...r.body.items);
    cursor = r.body.next;
  } while (cursor);
  return items;
}

async function cliItems(...options: string[]) {
  const r = await runSeam(['incidents', '--user', user, '--json', '--limit', '100000', ...options], {
    dataDir: demoDir,
  });
  assertExit(r, 0);
  return jsonLines(r);
}

test('seam incidents returns what the API returns for the same user and filters', async () => {
  const cases: Array<[string, string[]]> = [
    ['', []],
    ['q=motorbikes', ['--q', 'motorbikes']],
    ['q=detained%20checkpoint', ['--q', 'detained checkpoint']],
    ['in_gap=true', ['--in-gap']],
    ['since=2026-10-15T00:00:00Z', ['--since', '2026-10-15T00:00:00Z']],
    [
      'since=2026-09-01T00:00:00Z&until=2026-10-01T00:00:00Z&type=ied,sighting&in_gap=true',
      ['--since', '2026-09-01T00:00:00Z', '--until', '2026-10-01T00:00:00Z', '--type', 'ied,sighting', '--in-gap'],
    ],
    ['jcc=k1&verification=confirmed', ['--jcc', 'k1', '--verification', 'confirmed']],
    ['bbox=43.0,35.0,44.5,36.5&org=isf', ['--bbox', '43.0,35.0,44.5,36.5', '--org', 'isf']],
  ];
  for (const [query, options] of cases) {
    const api = await apiItems(query);
    assert.ok(api.length > 0, `the demo has incidents for ${query}`);
    assert.deepEqual(await cliItems(...options), api, query || 'no filter');
  }
  const all = await apiItems('');
  assert.ok(
    all.some((i) => i.tearline === true),
    'the unfiltered list includes tearlines',
  );
  const fromQ = await apiItems('q=motorbikes');
  assert.ok(fromQ.length < all.length && fromQ.every((i) => /motorbikes/i.test(i.narrative)));
});

test('seam incidents --since takes 7d-style times, relative to now', async () => {
  const day = 86_400_000;
  const early = new Date(Date.now() - 100 * day).toISOString();
  const cli = (await cliItems('--since', '100d')).map((i) => i.id);
  const late = new Date(Date.now() - 100 * day).toISOString();
  const loose = (await apiItems(`since=${early}`)).map((i) => i.id);
  const tight = (await apiItems(`since=${late}`)).map((i) => i.id);
  assert.ok(tight.length > 0);
  assert.ok(tight.every((id) => cli.includes(id)) && cli.every((id) => loose.includes(id)));
});

test('seam incidents prints a table, marks tearlines, and refuses bad filters like the API', async () => {
  const all = await apiItems('');
  const tearline = all.find((i) => i.tearline === true);
  const r = await runSeam(['incidents', '--user', user, '--limit', String(all.length)], { dataDir: demoDir });
  assertExit(r, 0);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^id\s+time\s+type\s+place \/ district\s+jcc\s+k\/w\/a\s+verification\s+releasability$/);
  assert.equal(lines.length, 2 + all.length + 1);
  assert.match(
    lines.find((l) => l.startsWith(tearline.id))!,
    new RegExp(`^${tearline.id}\\s+${tearline.date}\\s+${tearline.type}\\s.*TEARLINE`),
  );
  assert.match(lines.at(-1)!, new RegExp(`^${all.length} incidents, \\d+ of them tearlines only$`));
  const short = await runSeam(['incidents', '--user', user], { dataDir: demoDir });
  assert.equal(short.stdout.trim().split('\n').length, 2 + 50 + 1, 'default limit 50');
  assert.match(short.stdout, /more match \(raise --limit/);

  const mistakes: Array<[string[], RegExp, string]> = [
    [['--since', 'last week'], /--since: .*7d, 12h, 30m/, 'since=last%20week'],
    [['--until', '2026-10-01'], /--until: /, 'until=2026-10-01'],
    [['--type', 'ied,picnic'], /--type: unknown incident type/, 'type=ied,picnic'],
    [['--bbox', '-10,30,-20,40'], /--bbox: out of range or inverted/, 'bbox=-10,30,-20,40'],
    [['--verification', 'maybe'], /--verification: /, 'verification=maybe'],
    [['--min-killed', '-1'], /--min-killed: /, 'min_killed=-1'],
  ];
  for (const [options, reason, query] of mistakes) {
    assertExit(await runSeam(['incidents', '--user', user, ...options], { dataDir: demoDir }), 2, reason);
    assert.equal((await server.request('GET', `/api/v1/incidents?${query}`, { cookie })).status, 400, query);
  }
  for (const args of [
    ['incidents'],
    ['incidents', '--user', user, '--limit', '100001'],
    ['incidents', '--user', user, '--frob'],
  ]) {
    assertExit(await runSeam(args, { dataDir: demoDir }), 2, /^seam incidents: .*\(see seam incidents --help\)$/);
  }
  assertExit(
    await runSeam(['incidents', '--user', 'ghost'], { dataDir: demoDir }),
    1,
    /^seam incidents: no user "ghost"$/,
  );
  const help = await runSeam(['incidents', '--help']);
  assertExit(help, 0);
  assert.match(help.stdout, /seam incidents reenrich \[--json\]/);
  assert.match(help.stdout, /--in-gap/);
});

test('every new command is listed in seam --help', async () => {
  const r = await runSeam(['--help']);
  assertExit(r, 0);
  for (const name of ['incident', 'incidents', 'import', 'export'])
    assert.match(r.stdout, new RegExp(`\\n {2}${name} +\\S`));
});
