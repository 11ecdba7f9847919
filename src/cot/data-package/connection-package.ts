import { randomUUID } from 'node:crypto';
import { clientKeystore, newStorePassword, truststore } from '../pki/pkcs12.ts';
import { manifestPath } from './package-check.ts';
import { writeZip } from './zip-writer.ts';

/** What the connection data package of one user carries. */
export interface ConnectionPackageInput {
  /** The address TAK clients reach the TLS CoT port at. */
  host: string;
  port: number;
  /** Shown in the client's server list. */
  description: string;
  username: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

const escapeXml = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');

function entry(key: string, type: 'String' | 'Boolean' | 'Integer', value: string): string {
  return `    <entry key="${key}" class="class java.lang.${type}">${escapeXml(value)}</entry>`;
}

/**
 * The ATAK preferences that add the server: the `cot_streams` set (`count`, `description0`,
 * `enabled0`, `connectString0` as host:port:ssl) and, in the app preferences, where the truststore
 * and client keystore are and their passwords (`caLocation`, `caPassword`, `certificateLocation`,
 * `clientPassword`), the keys TAK Server's own connection packages use. Locations are the paths
 * inside the package, which ATAK resolves on import.
 */
function preferences(
  input: ConnectionPackageInput,
  files: { ca: string; client: string },
  pw: { ca: string; client: string },
) {
  return [
    "<?xml version='1.0' encoding='ASCII' standalone='yes'?>",
    '<preferences>',
    '  <preference version="1" name="cot_streams">',
    entry('count', 'Integer', '1'),
    entry('description0', 'String', input.description),
    entry('enabled0', 'Boolean', 'true'),
    entry('connectString0', 'String', `${input.host}:${input.port}:ssl`),
    '  </preference>',
    '  <preference version="1" name="com.atakmap.app_preferences">',
    entry('displayServerConnectionWidget', 'Boolean', 'true'),
    entry('caLocation', 'String', `cert/${files.ca}`),
    entry('caPassword', 'String', pw.ca),
    entry('clientPassword', 'String', pw.client),
    entry('certificateLocation', 'String', `cert/${files.client}`),
    '  </preference>',
    '</preferences>',
    '',
  ].join('\n');
}

function manifest(uid: string, name: string, contents: string[]): string {
  return [
    '<MissionPackageManifest version="2">',
    '  <Configuration>',
    `    <Parameter name="uid" value="${uid}"/>`,
    `    <Parameter name="name" value="${escapeXml(name)}"/>`,
    '    <Parameter name="onReceiveDelete" value="true"/>',
    '  </Configuration>',
    '  <Contents>',
    ...contents.map((c) => `    <Content ignore="false" zipEntry="${escapeXml(c)}"/>`),
    '  </Contents>',
    '</MissionPackageManifest>',
    '',
  ].join('\n');
}

/**
 * The data package a user imports into ATAK (or iTAK) to connect: the server's address, the
 * truststore (PKCS#12 of the CA) and the user's keystore (PKCS#12, alias `signedCert`), each with
 * a fresh random password carried in the .pref. `onReceiveDelete` removes the package after import.
 */
export function connectionPackage(input: ConnectionPackageInput): Buffer {
  const pw = { ca: newStorePassword(), client: newStorePassword() };
  const files = { ca: 'truststore-seam.p12', client: `${input.username}.p12` };
  const name = `seam-${input.username}`;
  const entries = [
    { name: `cert/${files.ca}`, data: truststore(input.caPem, pw.ca) },
    { name: `cert/${files.client}`, data: clientKeystore(input.keyPem, input.certPem, input.caPem, pw.client) },
    { name: `prefs/${name}.pref`, data: Buffer.from(preferences(input, files, pw)) },
  ];
  const zipEntries = [
    ...entries,
    {
      name: manifestPath,
      data: Buffer.from(
        manifest(
          randomUUID(),
          name,
          entries.map((e) => e.name),
        ),
      ),
    },
  ];
  return writeZip(zipEntries);
}

/** The passwords of a package's stores are in its .pref; tests and support read them back from there. */
export function prefValue(pref: string, key: string): string | null {
  const m = new RegExp(`key="${key}"[^>]*>([^<]*)<`).exec(pref);
  return m ? m[1]!.replaceAll('&amp;', '&') : null;
}
