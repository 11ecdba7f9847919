import type { AddressInfo, Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import type { Store } from '../store/store.ts';
import type { CotAcceptor } from './cot-acceptor.ts';
import { listenOn } from './listen.ts';
import { clientCertificateTls, peerIdentity, peerSerial } from './peer-certificate.ts';
import type { ServerCertificate } from './pki/certificate-authority.ts';
import type { TakLog, TakPortCounters } from './tak-port-log.ts';

export interface TakTlsOptions {
  host: string;
  port: number;
  certificate: ServerCertificate;
  store: Store;
  cot: CotAcceptor;
  counters: TakPortCounters;
  log: TakLog;
}

export interface TakTlsListener {
  address: AddressInfo;
  close(): Promise<void>;
}

/**
 * The TLS CoT port (8089): only clients whose certificate the site's CA signed finish the
 * handshake; then the certificate must be one the site issued, in force (not revoked — read from
 * the database, so a revocation counts at once — nor expired) and its user enabled. Refused
 * sockets are closed with a log line and counted; accepted ones go to the CoT server as that user.
 */
export async function startTakTlsListener(o: TakTlsOptions): Promise<TakTlsListener> {
  const server = createServer({ ...clientCertificateTls(o.certificate), handshakeTimeout: 10_000 });
  server.on('tlsClientError', (err, socket) => {
    o.counters.refuse('tls', 'handshake');
    o.log('TAK TLS handshake refused', { from: socket.remoteAddress ?? null, reason: err.message });
  });
  // Every socket, so closing the port ends them all, not only those the CoT server took.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket) => {
    socket.on('error', () => socket.destroy());
    void admit(o, socket);
  });
  return {
    address: await listenOn(server, o.host, o.port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

async function admit(o: TakTlsOptions, socket: TLSSocket): Promise<void> {
  const serial = peerSerial(socket);
  const from = socket.remoteAddress ?? null;
  try {
    const identity = await peerIdentity(o.store, serial);
    if (socket.destroyed) return;
    if (!identity.ok) {
      o.counters.refuse('tls', identity.reason.replaceAll(' ', '_'));
      o.log('TAK TLS client refused', { from, serial, reason: identity.reason });
      socket.destroy();
      return;
    }
    o.counters.accepted++;
    o.cot.accept(socket, { actor: identity.actor, via: 'tls-cert', certSerial: serial! });
  } catch (err) {
    o.counters.refuse('tls', 'error');
    o.log('TAK TLS client refused', { from, serial, reason: (err as Error).message });
    socket.destroy();
  }
}
