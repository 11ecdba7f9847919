import forge from 'node-forge';
import { invalid, SeamError } from '../../domain/errors.ts';
import type { TakCertificate } from '../../domain/tak-certificate.ts';
import type { Actor } from '../../service/actor.ts';
import { recordIssuedCertificate } from '../../service/tak-certificates.ts';
import type { Store } from '../../store/store.ts';
import {
  type CertificateAuthority,
  defaultClientDays,
  issueClientCertificate,
  newRsaKeyPair,
} from './certificate-authority.ts';

/** A certificate just issued to a user, with its key when the site made the key (never when the client sent a CSR). */
export interface IssuedToUser {
  record: TakCertificate;
  certPem: string;
  keyPem: string | null;
}

/**
 * Issues a user a client certificate with a key made here (`seam tak cert issue`, `seam tak
 * package`) and records it; the key is handed back once and kept nowhere.
 */
export async function issueWithNewKey(
  store: Store,
  ca: CertificateAuthority,
  actor: Actor | null,
  username: string,
  days = defaultClientDays,
): Promise<IssuedToUser> {
  const keys = newRsaKeyPair();
  let certPem = '';
  const record = await recordIssuedCertificate(store, actor, username, 'cli', (user) => {
    const signed = issueClientCertificate(ca, keys.publicKey, user, days, store.now());
    certPem = signed.certPem;
    return signed;
  });
  return { record, certPem, keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

const maxCsrBytes = 16 * 1024;

/** A PKCS#10 request as ATAK sends it: PEM, or bare base64 of the DER (with or without line breaks). */
export function parseCsr(body: string): forge.pki.CertificateSigningRequest {
  if (body.length === 0 || body.length > maxCsrBytes)
    throw invalid('csr', 'expected a PKCS#10 request of at most 16 KiB');
  const text = body.trim();
  const pem = text.includes('-----BEGIN')
    ? text
    : `-----BEGIN CERTIFICATE REQUEST-----\n${text.replace(/\s+/g, '')}\n-----END CERTIFICATE REQUEST-----\n`;
  let csr: forge.pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromPem(pem);
  } catch {
    throw invalid('csr', 'not a PKCS#10 certificate request (PEM or base64 DER) with an RSA key');
  }
  if (!csr.verify()) throw invalid('csr', 'the request is not signed by its own key');
  return csr;
}

/**
 * Issues the enrolling user a certificate for the key in their request. The request's common name
 * must be the user's own name: a user enrols for themself only. Same CA, same record as the CLI.
 */
export async function issueFromCsr(
  store: Store,
  ca: CertificateAuthority,
  actor: Actor,
  csrBody: string,
  days = defaultClientDays,
): Promise<IssuedToUser> {
  const csr = parseCsr(csrBody);
  const cn = csr.subject.getField('CN')?.value as string | undefined;
  if (cn !== actor.username)
    throw new SeamError('forbidden', `the request's common name must be your user name "${actor.username}"`);
  if (!csr.publicKey) throw invalid('csr', 'the request carries no public key');
  let certPem = '';
  const record = await recordIssuedCertificate(store, actor, actor.username, 'enrolment', (user) => {
    const signed = issueClientCertificate(ca, csr.publicKey!, user, days, store.now());
    certPem = signed.certPem;
    return signed;
  });
  return { record, certPem, keyPem: null };
}
