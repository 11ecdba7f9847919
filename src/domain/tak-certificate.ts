/** A client certificate the site's TAK certificate authority issued to a user (never its key). */
export interface TakCertificate {
  /** Lower-case hex, as Node's `X509Certificate.serialNumber` and a TLS peer certificate give it (upper-cased there). */
  serial: string;
  userId: string;
  username: string;
  org: string;
  /** SHA-256 of the DER certificate, lower-case hex. */
  fingerprint: string;
  notBefore: string;
  notAfter: string;
  issuedAt: string;
  issuedBy: string | null;
  origin: 'cli' | 'enrolment';
  revokedAt: string | null;
  revokedBy: string | null;
}

/** Why a certificate no longer admits its holder at a time, or null when it does. */
export function certificateRefusal(c: TakCertificate, at: string): 'revoked' | 'expired' | 'not yet valid' | null {
  if (c.revokedAt !== null) return 'revoked';
  if (at >= c.notAfter) return 'expired';
  if (at < c.notBefore) return 'not yet valid';
  return null;
}
