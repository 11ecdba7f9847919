// A first start killed while it loads the demo leaves no half demo: the database is either empty
// or whole, and the next start serves the whole demo.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../src/store/sqlite/database.ts';
import { cliPath, startServe } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

/** What of the demo a database holds: organisations, the demo marker, activities, requests, alerts. */
function contents(file: string) {
  if (!existsSync(file)) return null;
  const db = openDatabase(file);
  try {
    const count = (table: string) => {
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
      return exists ? Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n) : 0;
    };
    const demo = count('settings')
      ? db.prepare("SELECT value FROM settings WHERE key = 'demo'").get() !== undefined
      : false;
    return {
      organisations: count('organisations'),
      demo,
      activities: count('activities'),
      requests: count('support_requests'),
      alerts: count('alerts'),
      places: count('places'),
    };
  } finally {
    db.close();
  }
}

test('a first start killed while the demo loads leaves it empty or whole, and the next start loads it whole', async (t) => {
  for (const killAfterMs of [300, 1500, 3000]) {
    const dir = tempDir(t);
    const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--data-dir', dir], {
      stdio: 'ignore',
    });
    await new Promise((r) => setTimeout(r, killAfterMs));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const after = contents(join(dir, 'seam.db'));
    t.diagnostic(`killed after ${killAfterMs} ms: ${JSON.stringify(after)}`);
    if (after && after.organisations > 0) {
      assert.ok(after.demo && after.activities > 0 && after.requests > 0 && after.places > 0, JSON.stringify(after));
    } else {
      assert.ok(!after || (!after.demo && after.activities === 0), `nothing of the demo: ${JSON.stringify(after)}`);
    }

    const server = await startServe(t, dir);
    await server.kill('SIGTERM');
    const whole = contents(join(dir, 'seam.db'));
    assert.ok(whole, 'the next start wrote the database');
    assert.equal(whole.organisations, 3, JSON.stringify(whole));
    assert.ok(whole.demo && whole.activities > 0 && whole.requests > 0 && whole.alerts > 0, JSON.stringify(whole));
  }
});
