import { SeamError } from '../domain/errors.ts';
import { certificateRefusal, type TakCertificate } from '../domain/tak-certificate.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';

/** What the certificate authority hands over once it has signed a user's certificate. */
export interface SignedCertificate {
  serial: string;
  fingerprint: string;
  notBefore: string;
  notAfter: string;
}

function requireAdmin(actor: Actor | null): void {
  if (actor !== null && !actor.roles.includes('admin'))
    throw new SeamError('forbidden', 'only an administrator manages TAK certificates');
}

/**
 * Records a certificate just signed for a user, through the one write path (change log and audit).
 * `sign` runs only once the user is known to exist and be enabled, so no certificate is signed for
 * someone who could not use it; `actor` null is the local operator (the CLI) or the user enrolling.
 */
export async function recordIssuedCertificate(
  store: Store,
  actor: Actor | null,
  username: string,
  origin: TakCertificate['origin'],
  sign: (user: { username: string; org: string }) => Promise<SignedCertificate> | SignedCertificate,
): Promise<TakCertificate> {
  if (origin === 'cli') requireAdmin(actor);
  const user = await store.users.findByName(username);
  if (!user) throw new SeamError('not_found', `no user "${username}"`);
  if (user.disabled) throw new SeamError('forbidden', `user "${username}" is disabled`);
  const signed = await sign({ username: user.username, org: user.org });
  return store.write(actor?.userId ?? user.id, async (tx) => {
    const c: TakCertificate = {
      serial: signed.serial.toLowerCase(),
      userId: user.id,
      username: user.username,
      org: user.org,
      fingerprint: signed.fingerprint.toLowerCase(),
      notBefore: signed.notBefore,
      notAfter: signed.notAfter,
      issuedAt: tx.at,
      issuedBy: actor?.username ?? null,
      origin,
      revokedAt: null,
      revokedBy: null,
    };
    await tx.takCertificates.insert(c);
    return c;
  });
}

/** Revokes one certificate by serial, or every certificate of a user still in force; returns those revoked. */
export async function revokeCertificates(
  store: Store,
  actor: Actor | null,
  where: { serial: string } | { username: string },
): Promise<TakCertificate[]> {
  requireAdmin(actor);
  return store.write(actor?.userId ?? null, async (tx) => {
    let targets: TakCertificate[];
    if ('serial' in where) {
      const c = await tx.takCertificates.find(where.serial.toLowerCase());
      if (!c) throw new SeamError('not_found', `no certificate with serial ${where.serial}`);
      targets = [c];
    } else {
      const user = await tx.users.findByName(where.username);
      if (!user) throw new SeamError('not_found', `no user "${where.username}"`);
      targets = await tx.takCertificates.list(user.id);
    }
    const live = targets.filter((c) => c.revokedAt === null);
    for (const c of live) await tx.takCertificates.revoke(c);
    return live.map((c) => ({ ...c, revokedAt: tx.at, revokedBy: tx.actor }));
  });
}

/** Every certificate issued, or a user's, newest first. */
export async function listCertificates(store: Store, username?: string): Promise<TakCertificate[]> {
  if (username === undefined) return store.takCertificates.list();
  const user = await store.users.findByName(username);
  if (!user) throw new SeamError('not_found', `no user "${username}"`);
  return store.takCertificates.list(user.id);
}

/** Who a client certificate stands for, or why it admits no one. */
export type CertificateIdentity =
  | { ok: true; actor: Actor; certificate: TakCertificate }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'not yet valid' | 'user disabled' };

const revokedCache = new WeakMap<Store, { version: number; serials: ReadonlySet<string> }>();

/**
 * The serials revoked so far, reloaded whenever a certificate changed since they were read — by
 * this process or another writing to the same database (`seam tak cert revoke`): the change log tells.
 */
export async function revokedSerials(store: Store): Promise<ReadonlySet<string>> {
  const version = await store.changeLog.lastSeqOf(['tak_certificate']);
  const hit = revokedCache.get(store);
  if (hit && hit.version === version) return hit.serials;
  const serials = new Set(await store.takCertificates.revokedSerials());
  revokedCache.set(store, { version, serials });
  return serials;
}

/**
 * The Seam user a TLS client's certificate stands for: known to this site's records, in force now
 * (not revoked, not expired), and its user enabled. The TLS handshake has already checked the
 * signature against the site's CA.
 */
export async function identityOfCertificate(store: Store, serialHex: string): Promise<CertificateIdentity> {
  const serial = serialHex.toLowerCase();
  if ((await revokedSerials(store)).has(serial)) return { ok: false, reason: 'revoked' };
  const certificate = await store.takCertificates.find(serial);
  if (!certificate) return { ok: false, reason: 'unknown' };
  const refusal = certificateRefusal(certificate, store.now().toISOString());
  if (refusal) return { ok: false, reason: refusal };
  const user = await store.users.findById(certificate.userId);
  if (!user || user.disabled) return { ok: false, reason: 'user disabled' };
  return {
    ok: true,
    certificate,
    actor: { userId: user.id, username: user.username, org: user.org, roles: user.roles, scope: 'write' },
  };
}
