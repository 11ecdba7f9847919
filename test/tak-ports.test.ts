// The certificate-based TAK ports over real sockets, with certificates made by `seam tak`: the TLS
// CoT port, the Marti API and enrolment. Refusals (revoked, expired, another CA, wrong password)
// and the access policy on data packages.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { test } from 'node:test';
import forge from 'node-forge';
import { prefValue } from '../src/cot/data-package/connection-package.ts';
import { writeZip } from '../src/cot/data-package/zip-writer.ts';
import { protocolOfferType } from '../src/cot/event.ts';
import {
  initCertificateAuthority,
  issueClientCertificate,
  loadCertificateAuthority,
  newRsaKeyPair,
} from '../src/cot/pki/certificate-authority.ts';
import { issueWithNewKey } from '../src/cot/pki/user-certificates.ts';
import { CotServer } from '../src/cot/server/cot-server.ts';
import { startTakPorts } from '../src/cot/tak-ports.ts';
import { openStore } from '../src/store/store.ts';
import { createFixture, testPassword } from './harness/fixture.ts';
import { type RunResult, runSeam } from './harness/process.ts';
import { positionReport, TakClient } from './harness/tak-client.ts';
import { tempDir } from './harness/temp-dir.ts';

type After = { after(fn: () => void | Promise<void>): void };
interface Credentials {
  cert: string;
  key: string;
}

function ok(r: RunResult): string {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r.stdout;
}

async function startTak(t: After) {
  const fixture = await createFixture(t);
  const { dir, store } = fixture;
  ok(await runSeam(['tak', 'ca', 'init'], { dataDir: dir }));
  const logs: Array<{ line: string; fields: Record<string, unknown> }> = [];
  const log = (line: string, fields: Record<string, unknown> = {}) => logs.push({ line, fields });
  const cot = new CotServer({ store, bus: store.bus, options: { log: (_l, msg, fields) => log(msg, fields) } });
  t.after(() => cot.close());
  const any = { host: '127.0.0.1', port: 0 };
  const ports = (await startTakPorts({
    store,
    dataDir: dir,
    cot,
    tls: any,
    marti: any,
    enrol: any,
    hostNames: ['localhost', '127.0.0.1'],
    maxPackageBytes: 1024 * 1024,
    log,
    revocationCheckMs: 100,
  }))!;
  t.after(() => ports.close());
  const ca = readFileSync(join(dir, 'tak', 'ca.pem'), 'utf8');
  const certDir = tempDir(t);
  /** A certificate issued by `seam tak cert issue`. */
  const issue = async (username: string): Promise<Credentials & { serial: string }> => {
    const out = ok(await runSeam(['tak', 'cert', 'issue', '--user', username, '--out-dir', certDir], { dataDir: dir }));
    return {
      serial: /issued certificate ([0-9a-f]{32})/.exec(out)![1]!,
      cert: readFileSync(join(certDir, `${username}.pem`), 'utf8'),
      key: readFileSync(join(certDir, `${username}.key`), 'utf8'),
    };
  };
  const clients: TakClient[] = [];
  t.after(() => {
    for (const c of clients) c.close();
  });
  const connect = async (username: string, creds: Credentials) => {
    const c = await TakClient.connectTls(
      ports.tls!.address.port,
      { ca, ...creds },
      {
        username,
        uid: `ANDROID-${username}`,
      },
    );
    clients.push(c);
    return c;
  };
  /** Connects and waits for the server's protocol offer: the client is in. */
  const joined = async (username: string, creds: Credentials) => {
    const c = await connect(username, creds);
    await c.waitFor((e) => e.type === protocolOfferType, 5000, 'the protocol offer');
    return c;
  };
  /** The TLS port closes the connection without sending a single event. */
  const refused = async (username: string, creds: Credentials) => {
    let c: TakClient;
    try {
      c = await connect(username, creds);
    } catch {
      return;
    }
    await c.waitClosed(5000);
    assert.equal(c.events.length, 0, `${username} got no event before being cut off`);
  };
  return { ...fixture, cot, ports, ca, logs, issue, connect, joined, refused };
}

interface Reply {
  status: number;
  body: Buffer;
  text: string;
}

/** One HTTPS request to a TAK port, with a client certificate or HTTP Basic credentials. */
function https(
  port: number,
  ca: string,
  path: string,
  o: { creds?: Credentials; basic?: [string, string]; method?: string; body?: Buffer | string; type?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (o.basic) headers.authorization = `Basic ${Buffer.from(o.basic.join(':')).toString('base64')}`;
    if (o.type) headers['content-type'] = o.type;
    const req = request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port,
        path,
        method: o.method ?? 'GET',
        ca,
        ...o.creds,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, body, text: body.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

test('a client with a certificate from seam tak connects over TLS as its user and exchanges CoT', async (t) => {
  const { joined, issue, cot } = await startTak(t);
  const reporter = await joined('isf-reporter', await issue('isf-reporter'));
  const analyst = await joined('isf-analyst', await issue('isf-analyst'));
  reporter.send(positionReport('ANDROID-isf-reporter', 'ALPHA', 44.4, 35.5));
  const seen = await analyst.waitFor((e) => e.uid === 'ANDROID-isf-reporter', 5000, 'the position report');
  assert.equal(seen.type.startsWith('a-'), true);
  const listed = cot.clients().find((c) => c.username === 'isf-reporter');
  assert.equal(listed?.via, 'tls-cert');
  assert.equal(listed?.org, 'isf');
});

test('the keystore of a seam tak package (alias signedCert) connects over TLS', async (t) => {
  const { dir, joined } = await startTak(t);
  const out = tempDir(t);
  const zip = join(out, 'p.zip');
  ok(
    await runSeam(['tak', 'package', '--user', 'coalition-analyst', '--host', 'localhost', '--out', zip], {
      dataDir: dir,
    }),
  );
  execFileSync('unzip', ['-q', zip, '-d', out]);
  const pref = readFileSync(join(out, 'prefs/seam-coalition-analyst.pref'), 'utf8');
  const p12 = join(out, prefValue(pref, 'certificateLocation')!);
  const pass = `pass:${prefValue(pref, 'clientPassword')}`;
  const openssl = (args: string[]) =>
    execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const cert = openssl(['pkcs12', '-in', p12, '-passin', pass, '-clcerts', '-nokeys']);
  const key = openssl(['pkcs12', '-in', p12, '-passin', pass, '-nocerts', '-nodes']);
  const client = await joined('coalition-analyst', { cert, key });
  assert.equal(client.closed, false);
});

test('revoked, expired and foreign certificates are refused; a revocation cuts a connected client off at once', async (t) => {
  const { dir, store, issue, joined, refused, ports, logs } = await startTak(t);
  const live = await joined('isf-viewer', await issue('isf-viewer'));
  const doomed = await issue('isf-analyst');
  ok(await runSeam(['tak', 'cert', 'revoke', '--serial', doomed.serial], { dataDir: dir }));
  await refused('isf-analyst', doomed);
  assert.ok(logs.some((l) => l.line === 'TAK TLS client refused' && l.fields.reason === 'revoked'));

  // Revoked by another process (the CLI) while connected: the server hears of it through the change log.
  ok(await runSeam(['tak', 'cert', 'revoke', '--user', 'isf-viewer'], { dataDir: dir }));
  await live.waitClosed(5000);

  // Issued a week ago for one day, by a store whose clock says so.
  const past = new Date(Date.now() - 7 * 86_400_000);
  const pastStore = openStore(join(dir, 'seam.db'), { now: () => past });
  t.after(() => pastStore.close());
  const expired = await issueWithNewKey(pastStore, loadCertificateAuthority(dir)!, null, 'isf-admin', 1);
  await refused('isf-admin', { cert: expired.certPem, key: expired.keyPem! });

  // A certificate for a real user name from another CA.
  const other = initCertificateAuthority(tempDir(t), 'other', new Date());
  const keys = newRsaKeyPair();
  const foreign = issueClientCertificate(
    other,
    keys.publicKey,
    { username: 'isf-reporter', org: 'isf' },
    30,
    new Date(),
  );
  await refused('isf-reporter', { cert: foreign.certPem, key: forge.pki.privateKeyToPem(keys.privateKey) });

  const refusals = ports.counters.refused();
  assert.ok((refusals['tls:revoked'] ?? 0) >= 1, JSON.stringify(refusals));
  assert.ok((refusals['tls:handshake'] ?? 0) >= 1, JSON.stringify(refusals));
  assert.equal((await store.takCertificates.list()).filter((c) => c.revokedAt === null).length, 1);
});

test('a user disabled by another process is disconnected, and refused on the next connection', async (t) => {
  const { dir, issue, joined, refused } = await startTak(t);
  const creds = await issue('isf-reporter');
  const live = await joined('isf-reporter', creds);
  ok(await runSeam(['user', 'disable', 'isf-reporter'], { dataDir: dir }));
  await live.waitClosed(5000);
  await refused('isf-reporter', creds);
});

function csrFor(commonName: string) {
  const keys = newRsaKeyPair();
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = keys.publicKey;
  csr.setSubject([
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Seam' },
  ]);
  csr.sign(keys.privateKey, forge.md.sha256.create());
  // ATAK sends the DER as bare base64.
  const der = forge.asn1.toDer(forge.pki.certificationRequestToAsn1(csr)).getBytes();
  return { body: forge.util.encode64(der), key: forge.pki.privateKeyToPem(keys.privateKey) };
}

test('enrolment: a wrong password is refused (401); the right one signs a certificate that then connects', async (t) => {
  const { ports, ca, joined, store } = await startTak(t);
  const port = ports.enrol!.address.port;
  const path = '/Marti/api/tls/signClient/v2?clientUid=ANDROID-1&version=5.2';
  const csr = csrFor('peshmerga-reporter');
  const wrong = await https(port, ca, path, {
    method: 'POST',
    basic: ['peshmerga-reporter', 'not-the-password'],
    body: csr.body,
  });
  assert.equal(wrong.status, 401);
  const none = await https(port, ca, path, { method: 'POST', body: csr.body });
  assert.equal(none.status, 401);
  const config = await https(port, ca, '/Marti/api/tls/config', { basic: ['peshmerga-reporter', testPassword] });
  assert.equal(config.status, 200);
  assert.match(config.text, /<nameEntry name="OU" value="peshmerga"\/>/);

  const someoneElse = await https(port, ca, path, {
    method: 'POST',
    basic: ['isf-reporter', testPassword],
    body: csr.body,
  });
  assert.equal(someoneElse.status, 403, someoneElse.text);

  const signed = await https(port, ca, path, {
    method: 'POST',
    basic: ['peshmerga-reporter', testPassword],
    body: csr.body,
  });
  assert.equal(signed.status, 200, signed.text);
  const answer = JSON.parse(signed.text) as { signedCert: string; ca0: string };
  const pem = (b64: string) =>
    `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  assert.equal(pem(answer.ca0).replace(/\s/g, ''), ca.replace(/\s/g, ''));
  const client = await joined('peshmerga-reporter', { cert: pem(answer.signedCert), key: csr.key });
  assert.equal(client.closed, false);
  // Wrong passwords count towards the sign-in lockout: after five, even the right one is refused for a while.
  for (let i = 0; i < 5; i++) {
    const r = await https(port, ca, path, {
      method: 'POST',
      basic: ['peshmerga-viewer', `wrong-${i}`],
      body: csr.body,
    });
    assert.equal(r.status, 401);
  }
  const locked = await https(port, ca, path, {
    method: 'POST',
    basic: ['peshmerga-viewer', testPassword],
    body: csr.body,
  });
  assert.equal(locked.status, 429, locked.text);
  const records = await store.takCertificates.list();
  assert.deepEqual(
    records.map((r) => [r.username, r.origin]),
    [['peshmerga-reporter', 'enrolment']],
  );
});

test('the Marti API answers holders of a valid certificate only, and lists only the clients their organisation may see', async (t) => {
  const { dir, ports, ca, issue, joined } = await startTak(t);
  const port = ports.marti!.address.port;
  const isf = await issue('isf-analyst');
  const other = await issue('other-analyst');
  await joined('isf-reporter', await issue('isf-reporter'));

  const version = await https(port, ca, '/Marti/api/version', { creds: isf });
  assert.equal(version.status, 200);
  assert.match(version.text, /^Seam /);
  const config = JSON.parse((await https(port, ca, '/Marti/api/version/config', { creds: isf })).text);
  assert.equal(config.type, 'ServerConfig');
  assert.equal(config.data.hostname, 'localhost');
  assert.equal(typeof config.nodeId, 'string');
  const tlsConfig = await https(port, ca, '/Marti/api/tls/config', { creds: isf });
  assert.match(tlsConfig.text, /certificateConfig/);
  const sign = await https(port, ca, '/Marti/api/tls/signClient/v2', { creds: isf, method: 'POST', body: 'x' });
  assert.equal(sign.status, 404, 'certificates are signed on the enrolment port only');

  const seenBy = async (creds: Credentials) =>
    JSON.parse((await https(port, ca, '/Marti/api/clientEndPoints', { creds })).text).data.map(
      (c: { username: string }) => c.username,
    );
  assert.deepEqual(await seenBy(isf), ['isf-reporter']);
  assert.deepEqual(await seenBy(other), [], 'another organisation outside the partnership sees none of them');

  await assert.rejects(https(port, ca, '/Marti/api/version'), 'no client certificate, no answer');
  ok(await runSeam(['tak', 'cert', 'revoke', '--user', 'other-analyst'], { dataDir: dir }));
  const revoked = await https(port, ca, '/Marti/api/version', { creds: other });
  assert.equal(revoked.status, 403, 'a revoked certificate is refused from the next request on');
  assert.match(revoked.text, /revoked/);
});

function dataPackage(entries: Array<{ name: string; data: string }>): Buffer {
  return writeZip(entries.map((e) => ({ name: e.name, data: Buffer.from(e.data) })));
}

const manifest =
  '<MissionPackageManifest version="2"><Configuration><Parameter name="uid" value="p-1"/><Parameter name="name" value="Route Alpha"/></Configuration><Contents><Content zipEntry="route.kml"/></Contents></MissionPackageManifest>';

test('data packages: an ISF upload (releasable to its own organisation) is not found by Peshmerga; bad hashes and unsafe zips are refused', async (t) => {
  const { ports, ca, issue } = await startTak(t);
  const port = ports.marti!.address.port;
  const isf = await issue('isf-reporter');
  const pesh = await issue('peshmerga-analyst');
  const zip = dataPackage([
    { name: 'MANIFEST/manifest.xml', data: manifest },
    { name: 'route.kml', data: '<kml/>' },
  ]);
  const hash = createHash('sha256').update(zip).digest('hex');
  const upload = (body: Buffer, h: string, creds = isf) =>
    https(port, ca, `/Marti/sync/missionupload?hash=${h}&filename=route.zip&creatorUid=ANDROID-isf`, {
      creds,
      method: 'POST',
      body,
      type: 'application/octet-stream',
    });

  const up = await upload(zip, hash);
  assert.equal(up.status, 200, up.text);
  assert.match(up.text, new RegExp(`/Marti/sync/content\\?hash=${hash}$`));

  assert.equal((await https(port, ca, `/Marti/sync/missionquery?hash=${hash}`, { creds: isf })).status, 200);
  const got = await https(port, ca, `/Marti/sync/content?hash=${hash}`, { creds: isf });
  assert.equal(got.status, 200);
  assert.ok(got.body.equals(zip));
  const search = JSON.parse((await https(port, ca, '/Marti/sync/search', { creds: isf })).text);
  assert.deepEqual(
    search.results.map((r: { Hash: string; Name: string }) => [r.Hash, r.Name]),
    [[hash, 'Route Alpha']],
  );

  assert.equal((await https(port, ca, `/Marti/sync/missionquery?hash=${hash}`, { creds: pesh })).status, 404);
  assert.equal((await https(port, ca, `/Marti/sync/content?hash=${hash}`, { creds: pesh })).status, 404);
  assert.equal(JSON.parse((await https(port, ca, '/Marti/sync/search', { creds: pesh })).text).resultCount, 0);

  // Uploaded the way ATAK does it: multipart, the file in the part "assetfile".
  const other = dataPackage([{ name: 'MANIFEST/manifest.xml', data: manifest.replace('p-1', 'p-2') }]);
  const boundary = 'seam-test-boundary';
  const multipart = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="assetfile"; filename="p2.zip"\r\nContent-Type: application/zip\r\n\r\n`,
    ),
    other,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const mp = await https(
    port,
    ca,
    `/Marti/sync/missionupload?hash=${createHash('sha256').update(other).digest('hex')}&filename=p2.zip&creatorUid=x`,
    { creds: pesh, method: 'POST', body: multipart, type: `multipart/form-data; boundary=${boundary}` },
  );
  assert.equal(mp.status, 200, mp.text);

  const badHash = await upload(zip, 'a'.repeat(64));
  assert.equal(badHash.status, 400);
  assert.match(badHash.text, /hash/);
  const notHex = await upload(zip, 'not-a-hash');
  assert.equal(notHex.status, 400);

  const traversal = dataPackage([
    { name: 'MANIFEST/manifest.xml', data: manifest },
    { name: '../../etc/cron.d/evil', data: 'x' },
  ]);
  const refusedTraversal = await upload(traversal, createHash('sha256').update(traversal).digest('hex'));
  assert.equal(refusedTraversal.status, 400);
  assert.match(refusedTraversal.text, /not a plain relative path/);

  const noManifest = dataPackage([{ name: 'route.kml', data: '<kml/>' }]);
  const refusedNoManifest = await upload(noManifest, createHash('sha256').update(noManifest).digest('hex'));
  assert.equal(refusedNoManifest.status, 400);
  assert.match(refusedNoManifest.text, /MANIFEST\/manifest.xml/);

  const badXml = dataPackage([{ name: 'MANIFEST/manifest.xml', data: '<MissionPackageManifest><oops>' }]);
  const refusedXml = await upload(badXml, createHash('sha256').update(badXml).digest('hex'));
  assert.equal(refusedXml.status, 400);
  assert.match(refusedXml.text, /not well-formed/);

  const big = Buffer.alloc(2 * 1024 * 1024);
  const tooBig = await upload(big, createHash('sha256').update(big).digest('hex'));
  assert.equal(tooBig.status, 413);
});
