import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectionPackage } from '../../cot/data-package/connection-package.ts';
import {
  defaultClientDays,
  initCertificateAuthority,
  maxClientDays,
  requireCertificateAuthority,
  takDir,
} from '../../cot/pki/certificate-authority.ts';
import { issueWithNewKey } from '../../cot/pki/user-certificates.ts';
import { listCertificates, revokeCertificates } from '../../service/tak-certificates.ts';
import { dataDir, dataDirOption, intOption, parse, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

/** The TLS CoT port a connection package points clients at unless told otherwise. */
export const defaultTakTlsPort = 8089;

const help = `Usage: seam tak ca init [--name NAME]
       seam tak cert issue --user USERNAME [--days N] [--out-dir DIR]
       seam tak cert revoke (--serial SERIAL | --user USERNAME)
       seam tak cert list [--user USERNAME] [--json]
       seam tak package --user USERNAME --host HOST [--port PORT] [--days N] [--out FILE]

TAK clients (ATAK, iTAK, WinTAK) connect with a client certificate from the site's own
certificate authority; the certificate's user is the Seam user, with that user's organisation.

  ca init          creates the certificate authority (RSA 2048) in DATA-DIR/tak; its key is kept
                   there, readable by the owner only. Once it exists, "seam serve" opens the TLS
                   CoT, Marti API and enrolment ports.
  cert issue       issues a user a client certificate (default ${defaultClientDays} days) and writes
                   USERNAME.pem and USERNAME.key (mode 0600) to DIR (default: the current directory)
  cert revoke      revokes a certificate, or every certificate of a user; a running server refuses
                   it from then on and disconnects the clients using it
  cert list        the certificates issued, newest first
  package          writes the data package the user imports into ATAK to connect: the server
                   address (HOST:PORT:ssl, port default ${defaultTakTlsPort}), the truststore and a new client
                   certificate (PKCS#12, alias signedCert); default file seam-USERNAME.zip
${dataDirHelp}`;

function days(value: string | undefined): number {
  return intOption('days', value, 1, maxClientDays) ?? defaultClientDays;
}

async function caCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'init') throw new UsageError(sub ? `unknown ca command "${sub}" (init)` : 'tak ca needs a command: init');
  const { values } = parse(rest, { ...dataDirOption, name: { type: 'string' } });
  const dir = dataDir(values['data-dir']);
  await withStore(values['data-dir'], () => {
    const ca = initCertificateAuthority(dir, values.name ?? 'site', new Date());
    console.log(`certificate authority created in ${takDir(dir)} (serial ${ca.cert.serialNumber})`);
  });
}

async function certCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'issue') {
    const { values } = parse(rest, {
      ...dataDirOption,
      user: { type: 'string' },
      days: { type: 'string' },
      'out-dir': { type: 'string' },
    });
    if (!values.user) throw new UsageError('cert issue needs --user');
    const ca = requireCertificateAuthority(dataDir(values['data-dir']));
    const n = days(values.days);
    await withStore(values['data-dir'], async (store) => {
      const issued = await issueWithNewKey(store, ca, null, values.user!, n);
      const out = resolve(values['out-dir'] ?? '.');
      const certFile = join(out, `${issued.record.username}.pem`);
      const keyFile = join(out, `${issued.record.username}.key`);
      writeFileSync(certFile, issued.certPem, { mode: 0o644 });
      writeFileSync(keyFile, issued.keyPem!, { mode: 0o600 });
      console.log(
        `issued certificate ${issued.record.serial} to ${issued.record.username} until ${issued.record.notAfter}: ${certFile}, ${keyFile}`,
      );
    });
    return;
  }
  if (sub === 'revoke') {
    const { values } = parse(rest, { ...dataDirOption, user: { type: 'string' }, serial: { type: 'string' } });
    if (!values.user === !values.serial) throw new UsageError('cert revoke needs --serial or --user (one of them)');
    await withStore(values['data-dir'], async (store) => {
      const revoked = await revokeCertificates(
        store,
        null,
        values.serial ? { serial: values.serial } : { username: values.user! },
      );
      if (revoked.length === 0) console.log('nothing to revoke: no certificate in force');
      for (const c of revoked) console.log(`revoked ${c.serial} (${c.username})`);
    });
    return;
  }
  if (sub === 'list') {
    const { values } = parse(rest, { ...dataDirOption, user: { type: 'string' }, json: { type: 'boolean' } });
    await withStore(values['data-dir'], async (store) => {
      const certs = await listCertificates(store, values.user);
      if (values.json) {
        console.log(JSON.stringify(certs, null, 2));
        return;
      }
      const now = new Date().toISOString();
      const state = (c: (typeof certs)[number]) => (c.revokedAt ? 'revoked' : c.notAfter <= now ? 'expired' : 'valid');
      console.log(
        table(
          ['serial', 'user', 'org', 'state', 'not after', 'origin'],
          certs.map((c) => [c.serial, c.username, c.org, state(c), c.notAfter, c.origin]),
        ),
      );
    });
    return;
  }
  throw new UsageError(
    sub ? `unknown cert command "${sub}" (issue, revoke, list)` : 'tak cert needs a command: issue, revoke or list',
  );
}

async function packageCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    ...dataDirOption,
    user: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    days: { type: 'string' },
    out: { type: 'string' },
  });
  if (!values.user) throw new UsageError('package needs --user');
  if (!values.host) throw new UsageError('package needs --host (the address clients reach the server at)');
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(values.host))
    throw new UsageError(`--host must be a host name or address, got "${values.host}"`);
  const port = intOption('port', values.port, 1, 65535) ?? defaultTakTlsPort;
  const ca = requireCertificateAuthority(dataDir(values['data-dir']));
  const n = days(values.days);
  await withStore(values['data-dir'], async (store) => {
    const issued = await issueWithNewKey(store, ca, null, values.user!, n);
    const zip = connectionPackage({
      host: values.host!,
      port,
      description: `Seam ${values.host}`,
      username: issued.record.username,
      caPem: ca.certPem,
      certPem: issued.certPem,
      keyPem: issued.keyPem!,
    });
    const out = resolve(values.out ?? `seam-${issued.record.username}.zip`);
    // The package holds the user's private key: readable by its owner only.
    writeFileSync(out, zip, { mode: 0o600 });
    console.log(`wrote ${out} for ${issued.record.username} (certificate ${issued.record.serial})`);
  });
}

export const takCommand: Command = {
  name: 'tak',
  summary: 'TAK certificate authority, client certificates and connection packages',
  help,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'ca') return caCommand(rest);
    if (sub === 'cert') return certCommand(rest);
    if (sub === 'package') return packageCommand(rest);
    throw new UsageError(
      sub ? `unknown tak command "${sub}" (ca, cert, package)` : 'tak needs a command: ca, cert or package',
    );
  },
};
