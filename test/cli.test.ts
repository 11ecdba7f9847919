import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, type TestContext, test } from 'node:test';
import { httpClient, kirkukIed } from './harness/http-client.ts';
import { demoCredentialsFile, demoPassword, type RunResult, runSeam, startServe } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

const commands = ['serve', 'demo', 'migrate', 'user', 'token', 'org', 'jcc', 'places', 'backup'];
const demoArgs = (seed = 7) => ['demo', '--seed', String(seed), '--as-of', '2026-01-01T00:00:00Z'];

/** Asserts how a command ended, showing its output when it did not end that way. */
function assertExit(r: RunResult, code: number, stderr?: RegExp): void {
  assert.equal(r.code, code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  if (stderr) assert.match(r.stderr, stderr);
  if (code !== 0) assert.equal(r.stderr.trim().split('\n').length, 1, `one line of reason: ${r.stderr}`);
}

async function seam(args: string[], dataDir?: string, stdin?: string): Promise<RunResult> {
  return runSeam(args, { dataDir, stdin });
}

interface OrgRow {
  code: string;
  name: string;
}
interface JccRow {
  code: string;
  aor: { type: string };
}
interface UserRow {
  username: string;
  org: string;
  roles: string[];
  disabled: boolean;
}

/** The output of a `--json` listing. */
async function json<T>(args: string[], dataDir: string): Promise<T[]> {
  const r = await seam([...args, '--json'], dataDir);
  assertExit(r, 0);
  return JSON.parse(r.stdout);
}

function incidentRows(dir: string): unknown[] {
  const db = new DatabaseSync(join(dir, 'seam.db'), { readOnly: true });
  try {
    // By content: the week's incidents are reported through the API's own command, which gives each a new id.
    return db.prepare('SELECT type, time, lon, lat FROM incidents ORDER BY time, lon, lat, type').all();
  } finally {
    db.close();
  }
}

function checkedIncidentCount(file: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    assert.equal(db.prepare('PRAGMA integrity_check').get()?.integrity_check, 'ok');
    return Number((db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n);
  } finally {
    db.close();
  }
}

// One demo database built once; each test works on its own copy.
let template: string;
before(async () => {
  template = mkdtempSync(join(tmpdir(), 'seam-cli-template-'));
  assertExit(await seam(demoArgs(), template), 0);
});
after(() => rmSync(template, { recursive: true, force: true }));

function demoCopy(t: TestContext): string {
  const dir = tempDir(t);
  for (const f of ['seam.db', 'demo-credentials.txt']) copyFileSync(join(template, f), join(dir, f));
  return dir;
}

test('every command prints its usage with --help and exits 0', async () => {
  const results = await Promise.all([['--help'], ...commands.map((c) => [c, '--help'])].map((args) => seam(args)));
  for (const r of results) {
    assertExit(r, 0);
    assert.match(r.stdout, /^Usage:/);
  }
});

test('no command, an unknown command or an unknown option is a usage error (exit 2)', async (t) => {
  const [none, unknown, ...options] = await Promise.all([
    seam([]),
    seam(['frob']),
    ...[['org', 'list'], ['user', 'list'], ['jcc', 'list'], ['demo'], ['backup', 'x.db']].map((args) =>
      seam([...args, '--bogus'], tempDir(t)),
    ),
  ]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^Usage: seam COMMAND/);
  assert.match(none.stderr, /\nseam: a command is needed \(see seam --help\)\n$/);
  assert.equal(none.stdout, '');
  assertExit(unknown, 2, /^seam: unknown command "frob"/);
  for (const r of options) assertExit(r, 2, /^seam \w+: .*--bogus/);
});

test('demo: the same seed and time give the same incidents; another seed gives others', async (t) => {
  const [a, b, c] = [tempDir(t), tempDir(t), tempDir(t)];
  const runs = await Promise.all([seam(demoArgs(7), a), seam(demoArgs(7), b), seam(demoArgs(8), c)]);
  for (const r of runs) assertExit(r, 0);
  assert.match(runs[0].stdout, /demo scenario \(seed 7\)/);
  assert.equal(statSync(demoCredentialsFile(a)).mode & 0o777, 0o600);
  const rows = incidentRows(a);
  assert.ok(rows.length >= 300, `${rows.length} demo incidents`);
  assert.deepEqual(incidentRows(b), rows);
  assert.notDeepEqual(incidentRows(c), rows);
});

test('migrate creates the database in an empty directory, then finds it up to date', async (t) => {
  const dir = join(tempDir(t), 'new');
  const first = await seam(['migrate'], dir);
  assertExit(first, 0);
  assert.match(first.stdout, /^applied 001 /m);
  assert.ok(existsSync(join(dir, 'seam.db')));
  const again = await seam(['migrate'], dir);
  assertExit(again, 0);
  assert.match(again.stdout, /up to date/);
});

test('commands on a directory without a database fail (exit 1) and create nothing', async (t) => {
  const dir = tempDir(t);
  const runs = await Promise.all(
    [
      ['org', 'list'],
      ['org', 'add', 'police', 'Federal Police'],
      ['jcc', 'list'],
      ['user', 'list'],
      ['user', 'disable', 'isf-viewer'],
      ['token', 'create', '--user', 'isf-viewer'],
      ['backup', join(tempDir(t), 'copy.db')],
    ].map((args) => seam(args, dir)),
  );
  for (const r of runs) assertExit(r, 1, /^seam \w+: no Seam database/);
  assert.deepEqual(readdirSync(dir), []);
});

test('org list, org add and jcc list, as tables and as JSON', async (t) => {
  const dir = demoCopy(t);
  const table = await seam(['org', 'list'], dir);
  assertExit(table, 0);
  for (const code of ['isf', 'peshmerga', 'coalition']) assert.match(table.stdout, new RegExp(`^${code} `, 'm'));
  assert.deepEqual((await json<OrgRow>(['org', 'list'], dir)).map((o) => o.code).sort(), [
    'coalition',
    'isf',
    'peshmerga',
  ]);

  const added = await seam(['org', 'add', 'police', 'Federal Police'], dir);
  assertExit(added, 0);
  assert.match(added.stdout, /added police \(Federal Police\) with 4 default alert rules/);
  assertExit(await seam(['user', 'add', 'police-analyst', '--org', 'police', '--roles', 'analyst'], dir), 0);
  const rules = await seam(['alert', 'rules', '--user', 'police-analyst', '--json'], dir);
  assertExit(rules, 0);
  assert.deepEqual(
    rules.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).kind)
      .sort(),
    ['activity_answer', 'activity_conflict', 'activity_escalated', 'request_overdue'],
  );
  assert.ok((await json<OrgRow>(['org', 'list'], dir)).some((o) => o.code === 'police' && o.name === 'Federal Police'));
  assertExit(await seam(['org', 'add', 'isf', 'Again'], dir), 1, /already exists/);

  const jccs = await json<JccRow>(['jcc', 'list'], dir);
  assert.deepEqual(jccs.map((j) => j.code).sort(), ['diyala', 'k1', 'makhmour', 'nineveh']);
  for (const j of jccs) assert.equal(j.aor.type, 'Polygon');
  const jccTable = await seam(['jcc', 'list'], dir);
  assertExit(jccTable, 0);
  assert.equal(jccTable.stdout.trim().split('\n').length, 2 + 4);
});

test('user add refuses a taken name, an unknown organisation, an unknown role and a weak password', async (t) => {
  const dir = demoCopy(t);
  const add = (name: string, org: string, roles: string, stdin?: string) =>
    seam(['user', 'add', name, '--org', org, '--roles', roles, ...(stdin ? ['--password-stdin'] : [])], dir, stdin);
  const [taken, org, role, weak] = await Promise.all([
    add('isf-viewer', 'isf', 'viewer'),
    add('carol', 'nowhere', 'viewer'),
    add('carol', 'isf', 'viewer,boss'),
    add('carol', 'isf', 'viewer', 'short\n'),
  ]);
  assertExit(taken, 1, /isf-viewer.*already exists/);
  assertExit(org, 1, /nowhere/);
  assertExit(role, 1, /roles.*boss/);
  assertExit(weak, 1, /password/);
  assertExit(await add('carol', 'isf', 'viewer'), 0); // the refusals left nothing half-written
  assertExit(await seam(['user', 'add', 'dave', '--org', 'isf'], dir), 2, /--roles/);
});

test('user add, passwd, disable and list', async (t) => {
  const dir = demoCopy(t);
  const added = await seam(['user', 'add', 'erin', '--org', 'peshmerga', '--roles', 'reporter,viewer'], dir);
  assertExit(added, 0);
  assert.match(added.stdout, /^password: \S{12,}$/m);
  assertExit(await seam(['user', 'passwd', 'erin', '--password-stdin'], dir, 'a-new-long-passphrase\n'), 0);
  assertExit(await seam(['user', 'disable', 'erin'], dir), 0);
  assertExit(await seam(['user', 'disable', 'nobody'], dir), 1, /nobody/);

  const erin = (await json<UserRow>(['user', 'list'], dir)).find((u) => u.username === 'erin');
  assert.ok(erin, 'erin is listed');
  assert.deepEqual([erin.org, [...erin.roles].sort(), erin.disabled], ['peshmerga', ['reporter', 'viewer'], true]);
  assert.ok(!JSON.stringify(erin).includes('a-new-long-passphrase'));
  const pesh = await json<UserRow>(['user', 'list', '--org', 'peshmerga'], dir);
  assert.ok(pesh.length >= 6 && pesh.every((u) => u.org === 'peshmerga'));
  assert.match((await seam(['user', 'list'], dir)).stdout, /^erin\s+peshmerga\s+\S+\s+disabled$/m);
});

test('token create: usage and unknown users', async (t) => {
  const dir = demoCopy(t);
  const [scope, noUser, ghost, read] = await Promise.all([
    seam(['token', 'create', '--user', 'isf-viewer', '--scope', 'admin'], dir),
    seam(['token', 'create'], dir),
    seam(['token', 'create', '--user', 'ghost'], dir),
    seam(['token', 'create', '--user', 'isf-viewer', '--scope', 'read', '--days', '30'], dir),
  ]);
  assertExit(scope, 2, /--scope/);
  assertExit(noUser, 2, /--user/);
  assertExit(ghost, 1, /ghost/);
  assertExit(read, 0);
  assert.match(read.stdout, /^seam_[A-Za-z0-9_-]+\n$/);
});

test('backup writes a consistent copy and refuses to replace a file without --force', async (t) => {
  const dir = demoCopy(t);
  const file = join(tempDir(t), 'copy.db');
  assertExit(await seam(['backup', file], dir), 0);
  assert.equal(checkedIncidentCount(file), checkedIncidentCount(join(dir, 'seam.db')));
  writeFileSync(file, 'not a database');
  assertExit(await seam(['backup', file], dir), 1, /exists.*--force/);
  assertExit(await seam(['backup', file, '--force'], dir), 0);
  assert.ok(checkedIncidentCount(file) > 0);
  assertExit(await seam(['backup'], dir), 2, /FILE/);
});

test('against a running server: new users, passwords, disabled users, tokens and a live backup', async (t) => {
  const dir = demoCopy(t);
  const server = await startServe(t, dir, { args: ['--log-level', 'warn'] });
  const http = httpClient(server.url);
  const cli = (...args: string[]) => seam(args, dir);
  const status = async (username: string, password: string) =>
    (await http.request('POST', '/api/v1/auth/login', { json: { username, password } })).status;

  await t.test('user add prints a password that signs in', async () => {
    const r = await cli('user', 'add', 'frank', '--org', 'isf', '--roles', 'analyst');
    assertExit(r, 0);
    assert.equal(await status('frank', /^password: (\S+)$/m.exec(r.stdout)![1]), 200);
  });

  await t.test('user passwd replaces the old password', async () => {
    const old = demoPassword(dir, 'isf-analyst');
    assertExit(await seam(['user', 'passwd', 'isf-analyst', '--password-stdin'], dir, 'another-long-passphrase'), 0);
    assert.equal(await status('isf-analyst', 'another-long-passphrase'), 200);
    assert.equal(await status('isf-analyst', old), 401);
  });

  await t.test('a disabled user cannot sign in', async () => {
    assertExit(await cli('user', 'disable', 'isf-admin'), 0);
    assert.equal(await status('isf-admin', demoPassword(dir, 'isf-admin')), 401);
  });

  await t.test('a read token reads but never writes; a write token writes', async () => {
    const read = (await cli('token', 'create', '--user', 'isf-viewer', '--scope', 'read')).stdout.trim();
    assert.match(read, /^seam_/);
    const list = await http.request('GET', '/api/v1/incidents', { bearer: read });
    assert.equal(list.status, 200);
    assert.ok(list.body.items.length > 0);
    assert.equal((await http.request('POST', '/api/v1/incidents', { bearer: read, json: kirkukIed() })).status, 403);
    const write = (await cli('token', 'create', '--user', 'isf-reporter', '--scope', 'write')).stdout.trim();
    assert.equal((await http.request('POST', '/api/v1/incidents', { bearer: write, json: kirkukIed() })).status, 201);
    assert.equal((await http.request('GET', '/api/v1/incidents', { bearer: 'seam_not-a-real-token' })).status, 401);
  });

  await t.test('backup copies the live database', async () => {
    const file = join(tempDir(t), 'live.db');
    assertExit(await cli('backup', file), 0);
    assert.equal(checkedIncidentCount(file), checkedIncidentCount(join(dir, 'seam.db')));
  });
});
