import type { TLSSocket, TlsOptions } from 'node:tls';
import { type CertificateIdentity, identityOfCertificate } from '../service/tak-certificates.ts';
import type { Store } from '../store/store.ts';
import type { ServerCertificate } from './pki/certificate-authority.ts';

/** Server TLS that asks every client for a certificate the site's CA signed, and ends the handshake without one. */
export function clientCertificateTls(certificate: ServerCertificate): TlsOptions {
  return {
    key: certificate.keyPem,
    cert: certificate.certPem,
    ca: [certificate.caPem],
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  };
}

/** The peer certificate's serial as the database keeps it (lower-case hex), or null when there is none. */
export function peerSerial(socket: TLSSocket): string | null {
  const cert = socket.getPeerCertificate();
  return cert && typeof cert.serialNumber === 'string' && cert.serialNumber.length > 0
    ? cert.serialNumber.toLowerCase()
    : null;
}

/**
 * Who a client certificate stands for, the same on every port that takes one: issued here, in force (not
 * revoked, read from the database so a revocation counts at once, nor expired) and its user enabled. A
 * connection without a certificate is refused as `unknown`.
 */
export function peerIdentity(store: Store, serial: string | null): Promise<CertificateIdentity> {
  return serial ? identityOfCertificate(store, serial) : Promise.resolve({ ok: false, reason: 'unknown' });
}
