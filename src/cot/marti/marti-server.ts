import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import forge from 'node-forge';
import { SeamError } from '../../domain/errors.ts';
import type { Actor } from '../../service/actor.ts';
import { actorFromPassword } from '../../service/auth.ts';
import { listenOn } from '../listen.ts';
import { clientCertificateTls, peerIdentity, peerSerial } from '../peer-certificate.ts';
import type { CertificateAuthority, ServerCertificate } from '../pki/certificate-authority.ts';
import { issueFromCsr } from '../pki/user-certificates.ts';
import type { TakLog, TakPortCounters } from '../tak-port-log.ts';
import { type Answer, basicCredentials, errorAnswer, json, readBody, send, xml } from './http.ts';
import { type MartiContext, martiRoute, tlsConfigAnswer } from './marti-routes.ts';

export interface MartiServerOptions {
  host: string;
  port: number;
  certificate: ServerCertificate;
  context: MartiContext;
  counters: TakPortCounters;
  log: TakLog;
}

export interface EnrolmentServerOptions extends Omit<MartiServerOptions, 'context'> {
  context: Pick<MartiContext, 'store'>;
  ca: CertificateAuthority;
}

export interface RunningPort {
  address: AddressInfo;
  close(): Promise<void>;
}

const notFound = (): Answer => json({ error: 'not_found', message: 'no such Marti endpoint' }, 404);

async function listen(server: Server, host: string, port: number): Promise<RunningPort> {
  return {
    address: await listenOn(server, host, port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function handle(
  o: { counters: TakPortCounters; log: TakLog },
  port: 'marti' | 'enrol',
  fn: (req: IncomingMessage, url: URL) => Promise<Answer | null>,
) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://marti.invalid');
    fn(req, url)
      .then((a) => send(res, a ?? notFound()))
      .catch((err: unknown) => {
        const a = errorAnswer(err);
        if (a.status >= 500) o.log('Marti request failed', { path: url.pathname, reason: (err as Error).message });
        if (a.status === 401 || a.status === 403 || a.status === 429) o.counters.refuse(port, String(a.status));
        if (a.status === 401) a.headers = { 'www-authenticate': 'Basic realm="Seam TAK enrolment"' };
        // A body left unread would stall the connection: drain what is left of it.
        req.resume();
        send(res, a);
      });
  };
}

/**
 * The Marti API port (8443): HTTPS where every client shows a certificate from the site's CA, and
 * the certificate must pass the same checks as on the TLS CoT port (issued here, in force, its
 * user enabled) before any route runs, on each request (a connection outlives a revocation only
 * until its next request).
 */
export async function startMartiServer(o: MartiServerOptions): Promise<RunningPort> {
  const server = createServer(clientCertificateTls(o.certificate));
  server.on('tlsClientError', (err, socket) => {
    o.counters.refuse('marti', 'handshake');
    o.log('Marti TLS handshake refused', { from: socket.remoteAddress ?? null, reason: err.message });
  });
  server.on(
    'request',
    handle(o, 'marti', async (req, url) => {
      const serial = peerSerial(req.socket as TLSSocket);
      const identity = await peerIdentity(o.context.store, serial);
      if (!identity.ok) {
        o.log('Marti client refused', { from: req.socket.remoteAddress ?? null, serial, reason: identity.reason });
        throw new SeamError('forbidden', `client certificate refused: ${identity.reason}`);
      }
      return martiRoute(o.context, req, url, identity.actor);
    }),
  );
  return listen(server, o.host, o.port);
}

/** The answer ATAK's enrolment reads: JSON of base64 DER certificates, or TAK Server's XML when asked for it. */
function enrolmentAnswer(req: IncomingMessage, certPem: string, caPem: string): Answer {
  const der = (pem: string) =>
    forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem))).getBytes());
  const signedCert = der(certPem);
  const ca0 = der(caPem);
  const accept = req.headers.accept ?? '';
  if (/xml/i.test(accept) && !/json/i.test(accept))
    return xml(`<enrollment><signedCert>${signedCert}</signedCert><ca>${ca0}</ca></enrollment>`);
  return json({ signedCert, ca0 });
}

/**
 * The enrolment port (8446): HTTPS with the server certificate and no client certificate; the user
 * proves who they are with their Seam password (HTTP Basic; failures counted, audited and rate
 * limited as sign-ins are), then sends a PKCS#10 request and gets a certificate for their key.
 *
 * `POST /Marti/api/tls/signClient/v2?clientUid=&version=` answers JSON `{"signedCert": …, "ca0": …}`,
 * each a base64 DER certificate (further CAs would be ca1, ca2 …): the form TAK Server's v2
 * endpoint answers and ATAK/iTAK and the open clients read (OpenTAKServer's and FreeTAKServer's
 * signClient/v2 routes answer it; the Go and Python enrolment clients read `signedCert` and `ca0…`).
 * The client builds its own keystore from it, with its key under the alias `signedCert`.
 */
export async function startEnrolmentServer(o: EnrolmentServerOptions): Promise<RunningPort> {
  const server = createServer({ key: o.certificate.keyPem, cert: o.certificate.certPem, minVersion: 'TLSv1.2' });
  server.on('tlsClientError', (err, socket) => {
    o.counters.refuse('enrol', 'handshake');
    o.log('TAK enrolment TLS handshake refused', { from: socket.remoteAddress ?? null, reason: err.message });
  });
  server.on(
    'request',
    handle(o, 'enrol', async (req, url) => {
      const route = `${req.method} ${url.pathname}`;
      const known = [
        'GET /Marti/api/tls/config',
        'POST /Marti/api/tls/signClient/v2',
        'GET /Marti/api/tls/profile/enrollment',
      ];
      if (!known.includes(route)) return null;
      const actor = await basicActor(o, req);
      if (route === 'GET /Marti/api/tls/config') return tlsConfigAnswer(actor.org);
      if (route === 'GET /Marti/api/tls/profile/enrollment') return { status: 204, type: 'text/plain', body: '' };
      const csr = (await readBody(req, 16 * 1024)).toString('utf8');
      const issued = await issueFromCsr(o.context.store, o.ca, actor, csr);
      o.log('TAK certificate issued by enrolment', {
        username: actor.username,
        serial: issued.record.serial,
        clientUid: url.searchParams.get('clientUid'),
      });
      return enrolmentAnswer(req, issued.certPem, o.ca.certPem);
    }),
  );
  return listen(server, o.host, o.port);
}

async function basicActor(o: EnrolmentServerOptions, req: IncomingMessage): Promise<Actor> {
  const creds = basicCredentials(req);
  if (!creds) throw new SeamError('unauthenticated', 'enrolment needs your Seam user name and password (HTTP Basic)');
  return actorFromPassword(o.context.store, creds.username, creds.password, req.socket.remoteAddress ?? 'unknown');
}
