import type { Socket } from 'node:net';
import type { Actor } from '../service/actor.ts';

/** Who a CoT connection is: the Seam user, how they proved it, and the certificate when there is one. */
export interface CotIdentity {
  actor: Actor;
  via: 'tcp-auth' | 'tls-cert';
  certSerial?: string;
}

/** A connected TAK client as the Marti API lists it. */
export interface ConnectedClient {
  uid: string;
  callsign: string | null;
  username: string;
  org: string;
  lastEventAt: string;
  via: string;
}

/**
 * What the TLS port, the Marti API and revocation need of the CoT streaming server
 * (`src/cot/server/cot-server.ts`): hand it an authenticated socket, list its clients, cut some off.
 */
export interface CotAcceptor {
  accept(socket: Socket, identity: CotIdentity | null): void;
  clients(): ConnectedClient[];
  disconnect(where: { username?: string; certSerial?: string }): number;
}
