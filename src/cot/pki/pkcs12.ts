import { randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * ATAK finds the client certificate in its keystore by this alias (the PKCS#12 friendly name), as
 * TAK Server's own enrolment and data packages name it.
 */
export const clientAlias = 'signedCert';

// Triple-DES PBE with a SHA-1 MAC: what Android's keystore (ATAK), iOS (iTAK) and OpenSSL 3 all read
// without a legacy provider; forge's default (RC2-40) OpenSSL 3 refuses.
const options = { algorithm: '3des' as const, generateLocalKeyId: true };

function der(asn1: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A password for a PKCS#12 file in a data package (the package's .pref carries it to the client). */
export function newStorePassword(): string {
  return randomBytes(12).toString('base64url');
}

/** The client keystore: the user's key and certificate under the alias `signedCert`, with the CA. */
export function clientKeystore(keyPem: string, certPem: string, caPem: string, password: string): Buffer {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const chain = [forge.pki.certificateFromPem(certPem), forge.pki.certificateFromPem(caPem)];
  return der(forge.pkcs12.toPkcs12Asn1(key, chain, password, { ...options, friendlyName: clientAlias }));
}

/** The truststore: the CA certificate alone, so the client trusts the site's TLS ports. */
export function truststore(caPem: string, password: string): Buffer {
  return der(
    forge.pkcs12.toPkcs12Asn1(null, [forge.pki.certificateFromPem(caPem)], password, {
      ...options,
      friendlyName: 'seam-ca',
    }),
  );
}
