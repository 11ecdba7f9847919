import type { CotServer } from './server/cot-server.ts';

export type { CotIdentity } from './server/cot-server.ts';

/**
 * What the TLS port, the Marti API and revocation need of the CoT streaming server: hand it an
 * authenticated socket, list its clients, cut some off.
 */
export type CotAcceptor = Pick<CotServer, 'accept' | 'clients' | 'disconnect'>;

/** A connected TAK client as the Marti API lists it. */
export type ConnectedClient = ReturnType<CotServer['clients']>[number];
