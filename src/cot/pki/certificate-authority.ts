/**
 * The site's own TAK certificate authority: an RSA 2048 root (what TAK Server's own scripts make
 * and every ATAK, iTAK and WinTAK accepts; node-forge, which also writes the PKCS#12 files ATAK
 * imports, signs RSA only) whose key lives in the data directory, mode 0600, and is never logged.
 */
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';
import { SeamError } from '../../domain/errors.ts';

const caYears = 10;
const serverDays = 825;
/** Client certificates last a year unless `--days` says otherwise. */
export const defaultClientDays = 365;
export const maxClientDays = 3650;

export interface CertificateAuthority {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  certPem: string;
}

/** Where the CA and the TLS ports' server certificate live in a data directory. */
export function takDir(dataDir: string): string {
  return join(dataDir, 'tak');
}
const files = (dataDir: string) => ({
  caCert: join(takDir(dataDir), 'ca.pem'),
  caKey: join(takDir(dataDir), 'ca.key'),
  serverCert: join(takDir(dataDir), 'server.pem'),
  serverKey: join(takDir(dataDir), 'server.key'),
});

/** A fresh RSA 2048 key pair, made by Node's crypto (native, unlike forge's) and handed to forge. */
export function newRsaKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
  return { privateKey: key as forge.pki.rsa.PrivateKey, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

/**
 * A random positive 128-bit serial whose first byte is 0x40-0x7f, so its hexadecimal form has no
 * leading zero to be dropped or sign byte to be added: the text Node's TLS peer certificate gives is
 * the text the database keeps.
 */
export function newSerial(): string {
  const b = randomBytes(16);
  b[0] = 0x40 | (b[0]! & 0x3f);
  return b.toString('hex');
}

function writeSecret(file: string, pem: string): void {
  writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
}

/** The CA's own subject key identifier, which each certificate it signs names as its authority key. */
function subjectKeyId(cert: forge.pki.Certificate): string {
  const ext = cert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | undefined;
  if (!ext?.subjectKeyIdentifier) throw new Error('the TAK CA certificate has no subject key identifier');
  return forge.util.hexToBytes(ext.subjectKeyIdentifier);
}

/** Creates the CA in a data directory; refuses when one is already there (re-running must not orphan issued certificates). */
export function initCertificateAuthority(dataDir: string, siteName: string, now: Date): CertificateAuthority {
  const f = files(dataDir);
  if (existsSync(f.caKey) || existsSync(f.caCert))
    throw new SeamError('conflict', `a TAK certificate authority already exists in ${takDir(dataDir)}`);
  mkdirSync(takDir(dataDir), { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = newRsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = newSerial();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + caYears * 365 * 86_400_000);
  const name = [
    { name: 'commonName', value: `Seam TAK CA ${siteName}`.slice(0, 64) },
    { name: 'organizationName', value: 'Seam' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  writeSecret(f.caKey, forge.pki.privateKeyToPem(privateKey));
  writeFileSync(f.caCert, certPem, { mode: 0o644 });
  return { cert, key: privateKey, certPem };
}

/** The data directory's CA, or null when `seam tak ca init` was never run there. */
export function loadCertificateAuthority(dataDir: string): CertificateAuthority | null {
  const f = files(dataDir);
  if (!existsSync(f.caCert) || !existsSync(f.caKey)) return null;
  const certPem = readFileSync(f.caCert, 'utf8');
  return {
    cert: forge.pki.certificateFromPem(certPem),
    key: forge.pki.privateKeyFromPem(readFileSync(f.caKey, 'utf8')) as forge.pki.rsa.PrivateKey,
    certPem,
  };
}

/** The data directory's CA, or a clear error naming the command that makes one. */
export function requireCertificateAuthority(dataDir: string): CertificateAuthority {
  const ca = loadCertificateAuthority(dataDir);
  if (!ca) throw new SeamError('not_found', 'no TAK certificate authority here: run "seam tak ca init" first');
  return ca;
}

/** What identifies a signed certificate, as the database keeps it. */
export interface Signed {
  certPem: string;
  serial: string;
  fingerprint: string;
  notBefore: string;
  notAfter: string;
}

function signedOf(cert: forge.pki.Certificate): Signed {
  const certPem = forge.pki.certificateToPem(cert);
  const x = new X509Certificate(certPem);
  return {
    certPem,
    serial: x.serialNumber.toLowerCase(),
    fingerprint: createHash('sha256').update(x.raw).digest('hex'),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
  };
}

function issue(
  ca: CertificateAuthority,
  publicKey: forge.pki.PublicKey,
  subject: forge.pki.CertificateField[],
  notBefore: Date,
  notAfter: Date,
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = newSerial();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject(subject);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    ...extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: subjectKeyId(ca.cert) },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return cert;
}

/**
 * A client certificate for a user: CN the user name (what TAK clients and servers show as the
 * user), OU the user's organisation, O Seam; for client authentication only.
 */
export function issueClientCertificate(
  ca: CertificateAuthority,
  publicKey: forge.pki.PublicKey,
  user: { username: string; org: string },
  days: number,
  now: Date,
): Signed {
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + days * 86_400_000);
  const cert = issue(
    ca,
    publicKey,
    [
      { name: 'commonName', value: user.username },
      { name: 'organizationalUnitName', value: user.org },
      { name: 'organizationName', value: 'Seam' },
    ],
    notBefore,
    notAfter,
    [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  );
  return signedOf(cert);
}

/** The TLS ports' certificate and key (PEM), for the host names clients connect to. */
export interface ServerCertificate {
  certPem: string;
  keyPem: string;
  caPem: string;
}

function sameHosts(certPem: string, hosts: readonly string[]): boolean {
  const san = new X509Certificate(certPem).subjectAltName ?? '';
  const names = san
    .split(', ')
    .map((s) => s.replace(/^(DNS|IP Address):/, ''))
    .sort();
  return JSON.stringify(names) === JSON.stringify([...new Set(hosts)].sort());
}

/**
 * The server certificate for the TLS ports, issued by the CA for these host names and kept in the
 * data directory; issued again when the host names change or it is within 30 days of expiring.
 */
export function serverCertificate(
  dataDir: string,
  ca: CertificateAuthority,
  hosts: readonly string[],
  now: Date,
): ServerCertificate {
  const f = files(dataDir);
  if (existsSync(f.serverCert) && existsSync(f.serverKey)) {
    const certPem = readFileSync(f.serverCert, 'utf8');
    const x = new X509Certificate(certPem);
    const fresh = new Date(x.validTo).getTime() - now.getTime() > 30 * 86_400_000;
    if (fresh && sameHosts(certPem, hosts) && x.checkIssued(new X509Certificate(ca.certPem)))
      return { certPem, keyPem: readFileSync(f.serverKey, 'utf8'), caPem: ca.certPem };
  }
  const { privateKey, publicKey } = newRsaKeyPair();
  const unique = [...new Set(hosts)];
  const cert = issue(
    ca,
    publicKey,
    [
      { name: 'commonName', value: unique[0] ?? 'localhost' },
      { name: 'organizationName', value: 'Seam' },
    ],
    new Date(now.getTime() - 60_000),
    new Date(now.getTime() + serverDays * 86_400_000),
    [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: unique.map((h) => (isIP(h) ? { type: 7, ip: h } : { type: 2, value: h })),
      },
    ],
  );
  const certPem = forge.pki.certificateToPem(cert);
  const keyPem = forge.pki.privateKeyToPem(privateKey);
  mkdirSync(takDir(dataDir), { recursive: true, mode: 0o700 });
  writeFileSync(f.serverKey, keyPem, { mode: 0o600 });
  chmodSync(f.serverKey, 0o600);
  writeFileSync(f.serverCert, certPem, { mode: 0o644 });
  return { certPem, keyPem, caPem: ca.certPem };
}
