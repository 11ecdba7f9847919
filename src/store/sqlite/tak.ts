import { formatReleasability, parseReleasability } from '../../domain/releasability.ts';
import { recordChange } from '../record-change.ts';
import type { DataPackage, TakCertificate } from '../tak.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

type Row = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function certificateOf(r: Row): TakCertificate {
  return {
    serial: String(r.serial),
    userId: String(r.user_id),
    username: String(r.username),
    org: String(r.org),
    fingerprint: String(r.fingerprint),
    notBefore: String(r.not_before),
    notAfter: String(r.not_after),
    issuedAt: String(r.issued_at),
    issuedBy: text(r.issued_by),
    origin: r.origin === 'enrolment' ? 'enrolment' : 'cli',
    revokedAt: text(r.revoked_at),
    revokedBy: text(r.revoked_by),
  };
}

export function insertTakCertificate(tx: SqliteTx, c: TakCertificate): void {
  prepared(
    tx.db,
    `INSERT INTO tak_certificates (serial, user_id, username, org, fingerprint, not_before, not_after, issued_at,
       issued_by, origin, revoked_at, revoked_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.serial,
    c.userId,
    c.username,
    c.org,
    c.fingerprint,
    c.notBefore,
    c.notAfter,
    c.issuedAt,
    c.issuedBy,
    c.origin,
    c.revokedAt,
    c.revokedBy,
  );
  tx.change(
    recordChange('tak_certificate', c, 'create', {
      action: 'tak.cert.issue',
      detail: { serial: c.serial, username: c.username, notAfter: c.notAfter, origin: c.origin },
    }),
  );
}

export function revokeTakCertificate(tx: SqliteTx, c: TakCertificate): void {
  prepared(
    tx.db,
    'UPDATE tak_certificates SET revoked_at = ?, revoked_by = ? WHERE serial = ? AND revoked_at IS NULL',
  ).run(tx.at, tx.actor, c.serial);
  const revoked = { ...c, revokedAt: tx.at, revokedBy: tx.actor };
  tx.change(
    recordChange('tak_certificate', revoked, 'update', {
      action: 'tak.cert.revoke',
      detail: { serial: c.serial, username: c.username },
    }),
  );
}

export function findTakCertificate(db: Database, serial: string): TakCertificate | null {
  const r = prepared(db, 'SELECT * FROM tak_certificates WHERE serial = ?').get(serial);
  return r ? certificateOf(r) : null;
}

export function listTakCertificates(db: Database, userId?: string): TakCertificate[] {
  const rows =
    userId === undefined
      ? prepared(db, 'SELECT * FROM tak_certificates ORDER BY issued_at DESC, serial').all()
      : prepared(db, 'SELECT * FROM tak_certificates WHERE user_id = ? ORDER BY issued_at DESC, serial').all(userId);
  return rows.map(certificateOf);
}

export function revokedTakSerials(db: Database): string[] {
  return prepared(db, 'SELECT serial FROM tak_certificates WHERE revoked_at IS NOT NULL')
    .all()
    .map((r) => String(r.serial));
}

const packageColumns =
  'id, hash, filename, name, creator_uid, size, owner_org, releasability, jcc, uploaded_by, uploaded_at';

function packageOf(r: Row): DataPackage {
  return {
    id: String(r.id),
    hash: String(r.hash),
    filename: String(r.filename),
    name: String(r.name),
    creatorUid: String(r.creator_uid),
    size: Number(r.size),
    ownerOrg: String(r.owner_org),
    releasability: parseReleasability(String(r.releasability)),
    jcc: text(r.jcc),
    uploadedBy: String(r.uploaded_by),
    uploadedAt: String(r.uploaded_at),
  };
}

export function insertDataPackage(tx: SqliteTx, p: DataPackage, content: Uint8Array): void {
  prepared(
    tx.db,
    `INSERT INTO data_packages (${packageColumns}, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.id,
    p.hash,
    p.filename,
    p.name,
    p.creatorUid,
    p.size,
    p.ownerOrg,
    formatReleasability(p.releasability),
    p.jcc,
    p.uploadedBy,
    p.uploadedAt,
    content,
  );
  tx.change(
    recordChange('data_package', p, 'create', {
      action: 'tak.package.upload',
      detail: { hash: p.hash, filename: p.filename, size: p.size },
    }),
  );
}

export function dataPackagesByHash(db: Database, hash: string): DataPackage[] {
  return prepared(db, `SELECT ${packageColumns} FROM data_packages WHERE hash = ? ORDER BY uploaded_at, id`)
    .all(hash)
    .map(packageOf);
}

export function dataPackageContent(db: Database, id: string): Uint8Array | null {
  const r = prepared(db, 'SELECT content FROM data_packages WHERE id = ?').get(id);
  return r ? (r.content as Uint8Array) : null;
}

export function listDataPackages(db: Database, limit: number): DataPackage[] {
  return prepared(db, `SELECT ${packageColumns} FROM data_packages ORDER BY uploaded_at DESC, id DESC LIMIT ?`)
    .all(limit)
    .map(packageOf);
}
