// `seam tak`: the certificate authority, client certificates and the ATAK connection data package,
// read back with Debian's unzip and OpenSSL as a client would read them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { prefValue } from '../src/cot/data-package/connection-package.ts';
import { protocolOfferType } from '../src/cot/event.ts';
import { createFixture } from './harness/fixture.ts';
import { type RunResult, runSeam, startServe } from './harness/process.ts';
import { TakClient } from './harness/tak-client.ts';
import { tempDir } from './harness/temp-dir.ts';

function ok(r: RunResult): string {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r.stdout;
}

const unzip = (args: string[]) => execFileSync('unzip', args, { encoding: 'utf8' });

test('seam tak: a CA whose key only its owner reads, certificates issued, listed and revoked, a second CA refused', async (t) => {
  const { dir, store } = await createFixture(t);
  const out = tempDir(t);
  assert.match(ok(await runSeam(['tak', 'ca', 'init'], { dataDir: dir })), /certificate authority created/);
  assert.equal(statSync(join(dir, 'tak', 'ca.key')).mode & 0o777, 0o600);
  const again = await runSeam(['tak', 'ca', 'init'], { dataDir: dir });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already exists/);

  const issued = ok(
    await runSeam(['tak', 'cert', 'issue', '--user', 'isf-analyst', '--days', '30', '--out-dir', out], {
      dataDir: dir,
    }),
  );
  const serial = /issued certificate ([0-9a-f]{32}) /.exec(issued)?.[1];
  assert.ok(serial, issued);
  assert.equal(statSync(join(out, 'isf-analyst.key')).mode & 0o777, 0o600);
  const subject = execFileSync(
    'openssl',
    ['x509', '-in', join(out, 'isf-analyst.pem'), '-noout', '-subject', '-serial'],
    {
      encoding: 'utf8',
    },
  );
  assert.match(subject, /CN\s*=\s*isf-analyst, OU\s*=\s*isf/);
  assert.match(subject, new RegExp(`serial=${serial.toUpperCase()}`));
  execFileSync('openssl', ['verify', '-CAfile', join(dir, 'tak', 'ca.pem'), join(out, 'isf-analyst.pem')]);
  assert.doesNotMatch(issued + (await runSeam(['tak', 'cert', 'list'], { dataDir: dir })).stdout, /PRIVATE KEY/);

  const unknown = await runSeam(['tak', 'cert', 'issue', '--user', 'nobody', '--out-dir', out], { dataDir: dir });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no user "nobody"/);

  const listed = JSON.parse(ok(await runSeam(['tak', 'cert', 'list', '--json'], { dataDir: dir })));
  assert.equal(listed.length, 1);
  assert.equal(listed[0].serial, serial);
  assert.equal(listed[0].org, 'isf');
  assert.equal(listed[0].revokedAt, null);

  assert.match(
    ok(await runSeam(['tak', 'cert', 'revoke', '--serial', serial], { dataDir: dir })),
    new RegExp(`revoked ${serial}`),
  );
  const after = JSON.parse(
    ok(await runSeam(['tak', 'cert', 'list', '--json', '--user', 'isf-analyst'], { dataDir: dir })),
  );
  assert.ok(after[0].revokedAt);
  const audit = await store.auditLog.query({}, 100);
  const actions = audit.map((a: { action: string }) => a.action);
  assert.ok(actions.includes('tak.cert.issue'), actions.join());
  assert.ok(actions.includes('tak.cert.revoke'), actions.join());
});

test('seam tak package: the data package ATAK imports, with the server, the truststore and the signedCert keystore', async (t) => {
  const { dir } = await createFixture(t);
  const out = tempDir(t);
  ok(await runSeam(['tak', 'ca', 'init'], { dataDir: dir }));
  const zip = join(out, 'pkg.zip');
  ok(
    await runSeam(['tak', 'package', '--user', 'peshmerga-reporter', '--host', 'tak.example.org', '--out', zip], {
      dataDir: dir,
    }),
  );
  assert.equal(statSync(zip).mode & 0o777, 0o600);

  const listing = unzip(['-l', zip]);
  for (const name of [
    'MANIFEST/manifest.xml',
    'cert/truststore-seam.p12',
    'cert/peshmerga-reporter.p12',
    'prefs/seam-peshmerga-reporter.pref',
  ])
    assert.ok(listing.includes(name), `${name} in\n${listing}`);
  const manifest = unzip(['-p', zip, 'MANIFEST/manifest.xml']);
  assert.match(manifest, /<MissionPackageManifest version="2">/);
  assert.match(manifest, /<Parameter name="uid" value="[0-9a-f-]{36}"\/>/);
  assert.match(manifest, /<Parameter name="name" value="seam-peshmerga-reporter"\/>/);
  assert.match(manifest, /<Parameter name="onReceiveDelete" value="true"\/>/);
  assert.match(manifest, /zipEntry="cert\/peshmerga-reporter.p12"/);

  const pref = unzip(['-p', zip, 'prefs/seam-peshmerga-reporter.pref']);
  assert.equal(prefValue(pref, 'connectString0'), 'tak.example.org:8089:ssl');
  assert.equal(prefValue(pref, 'count'), '1');
  assert.equal(prefValue(pref, 'enabled0'), 'true');
  assert.equal(prefValue(pref, 'caLocation'), 'cert/truststore-seam.p12');
  assert.equal(prefValue(pref, 'certificateLocation'), 'cert/peshmerga-reporter.p12');
  const clientPassword = prefValue(pref, 'clientPassword')!;
  const caPassword = prefValue(pref, 'caPassword')!;
  assert.ok(clientPassword.length >= 12 && caPassword.length >= 12);

  unzip(['-q', zip, '-d', out]);
  const info = execFileSync(
    'openssl',
    [
      'pkcs12',
      '-info',
      '-nokeys',
      '-in',
      join(out, 'cert/peshmerga-reporter.p12'),
      '-passin',
      `pass:${clientPassword}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  assert.match(info, /friendlyName: signedCert/);
  assert.match(info, /subject=CN\s*=\s*peshmerga-reporter, OU\s*=\s*peshmerga/);
  const trust = execFileSync(
    'openssl',
    ['pkcs12', '-info', '-nokeys', '-in', join(out, 'cert/truststore-seam.p12'), '-passin', `pass:${caPassword}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  assert.equal(trust.match(/-----BEGIN CERTIFICATE-----/g)?.length, 1);
  const base64 = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');
  const inStore = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(trust)![0];
  assert.equal(
    base64(inStore),
    base64(readFileSync(join(dir, 'tak', 'ca.pem'), 'utf8')),
    'the truststore holds the CA',
  );
  const wrong = await runSeam(['tak', 'package', '--user', 'peshmerga-reporter'], { dataDir: dir });
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--host/);
});

async function waitForOutput(output: () => string, pattern: RegExp, ms = 20_000): Promise<RegExpExecArray> {
  const until = Date.now() + ms;
  for (;;) {
    const m = pattern.exec(output());
    if (m) return m;
    if (Date.now() > until) throw new Error(`no ${pattern} in:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('seam serve opens the TAK ports once a CA exists, a seam tak certificate connects, and they close with the server', async (t) => {
  const { dir } = await createFixture(t);
  const any = ['--tak-tls', '127.0.0.1:0', '--marti', '127.0.0.1:0', '--tak-enrol', '127.0.0.1:0'];
  const without = await startServe(t, dir, { args: any });
  await new Promise((r) => setTimeout(r, 500));
  assert.doesNotMatch(without.output(), /TAK ports/, 'no CA, no TAK ports');
  assert.equal((await without.kill()).code, 0);

  const out = tempDir(t);
  ok(await runSeam(['tak', 'ca', 'init'], { dataDir: dir }));
  ok(await runSeam(['tak', 'cert', 'issue', '--user', 'isf-viewer', '--out-dir', out], { dataDir: dir }));
  const serve = await startServe(t, dir, { args: any });
  const m = await waitForOutput(serve.output, /TAK ports: CoT TLS 127\.0\.0\.1:(\d+), Marti API 127\.0\.0\.1:(\d+)/);
  const client = await TakClient.connectTls(
    Number(m[1]),
    {
      ca: readFileSync(join(dir, 'tak', 'ca.pem'), 'utf8'),
      cert: readFileSync(join(out, 'isf-viewer.pem'), 'utf8'),
      key: readFileSync(join(out, 'isf-viewer.key'), 'utf8'),
    },
    { username: 'isf-viewer', uid: 'ANDROID-isf-viewer' },
  );
  t.after(() => client.close());
  await client.waitFor((e) => e.type === protocolOfferType, 5000, 'the protocol offer');
  const token = ok(await runSeam(['token', 'create', '--user', 'isf-admin'], { dataDir: dir })).trim();
  const metrics = await (await fetch(`${serve.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
  assert.match(metrics, /seam_tak_tls_accepted_total 1/);
  assert.match(metrics, /seam_cot_connections/);
  assert.equal((await serve.kill('SIGTERM')).code, 0);
  await client.waitClosed(5000);
  const help = ok(await runSeam(['serve', '--help']));
  assert.match(help, /--tak-tls HOST:PORT/);
  assert.match(help, /seam tak ca init/);
});
