import type { DataPackage } from '../domain/data-package.ts';
import type { TakCertificate } from '../domain/tak-certificate.ts';

export type { DataPackage } from '../domain/data-package.ts';
export type { TakCertificate } from '../domain/tak-certificate.ts';

/** Certificates the site's TAK certificate authority issued. */
export interface TakCertificateReads {
  find(serial: string): Promise<TakCertificate | null>;
  /** Every certificate, or a user's, newest first. */
  list(userId?: string): Promise<TakCertificate[]>;
  /** Serials revoked so far: the revocation list the TLS ports check. */
  revokedSerials(): Promise<string[]>;
}

export interface TakCertificateWrites {
  insert(c: TakCertificate): Promise<void>;
  /** Marks a certificate revoked at the transaction's time; audited. */
  revoke(c: TakCertificate): Promise<void>;
}

/** Data packages TAK clients uploaded; every read is filtered by the access policy above the store. */
export interface DataPackageReads {
  /** The packages with this hash (one per owner organisation at most). */
  byHash(hash: string): Promise<DataPackage[]>;
  /** The zip's bytes. */
  content(id: string): Promise<Uint8Array | null>;
  /** Packages newest first, at most `limit`. */
  list(limit: number): Promise<DataPackage[]>;
}

export interface DataPackageWrites {
  insert(p: DataPackage, content: Uint8Array): Promise<void>;
}
