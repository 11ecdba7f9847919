import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.ts';
import type { CotAcceptor } from './cot-acceptor.ts';
import { type RunningPort, startEnrolmentServer, startMartiServer } from './marti/marti-server.ts';
import { loadCertificateAuthority, serverCertificate } from './pki/certificate-authority.ts';
import { watchRevocations } from './revocation-watch.ts';
import { type TakLog, TakPortCounters } from './tak-port-log.ts';
import { startTakTlsListener } from './tls-listener.ts';

/** Where one TAK port listens; null leaves it closed. */
export type PortAddress = { host: string; port: number } | null;

export interface TakPortsOptions {
  store: Store;
  dataDir: string;
  cot: CotAcceptor;
  tls: PortAddress;
  marti: PortAddress;
  enrol: PortAddress;
  /** The host names clients reach the site at: the server certificate is issued for them. */
  hostNames: readonly string[];
  /** The largest data package accepted on upload, in bytes. */
  maxPackageBytes?: number;
  log: TakLog;
  revocationCheckMs?: number;
}

export interface TakPorts {
  tls: RunningPort | null;
  marti: RunningPort | null;
  enrol: RunningPort | null;
  counters: TakPortCounters;
  close(): Promise<void>;
}

export const defaultMaxPackageBytes = 64 * 1024 * 1024;

/**
 * Opens the certificate-based TAK ports — TLS CoT (8089), Marti API (8443), enrolment (8446) —
 * when the data directory has a TAK certificate authority (`seam tak ca init`); with none, returns
 * null and opens nothing, since no client could hold a certificate they would accept.
 */
export async function startTakPorts(o: TakPortsOptions): Promise<TakPorts | null> {
  const ca = loadCertificateAuthority(o.dataDir);
  if (!ca) return null;
  const certificate = serverCertificate(o.dataDir, ca, o.hostNames, o.store.now());
  const counters = new TakPortCounters();
  const opened: RunningPort[] = [];
  const stopWatch = watchRevocations(o.store, o.cot, o.log, o.revocationCheckMs);
  try {
    const tls = o.tls
      ? await startTakTlsListener({ ...o.tls, certificate, store: o.store, cot: o.cot, counters, log: o.log })
      : null;
    if (tls) opened.push(tls);
    const host = o.hostNames[0] ?? 'localhost';
    const context = {
      store: o.store,
      cot: o.cot,
      hostname: host,
      nodeId: o.store.site || randomUUID(),
      baseUrl: '',
      maxPackageBytes: o.maxPackageBytes ?? defaultMaxPackageBytes,
    };
    const marti = o.marti ? await startMartiServer({ ...o.marti, certificate, counters, log: o.log, context }) : null;
    // The links an upload answers with name the port actually bound (port 0 picks one).
    if (marti) context.baseUrl = `https://${host}:${marti.address.port}`;
    if (marti) opened.push(marti);
    const enrol = o.enrol
      ? await startEnrolmentServer({ ...o.enrol, certificate, ca, counters, log: o.log, context: { store: o.store } })
      : null;
    if (enrol) opened.push(enrol);
    return {
      tls,
      marti,
      enrol,
      counters,
      close: async () => {
        stopWatch();
        await Promise.all(opened.map((p) => p.close()));
      },
    };
  } catch (err) {
    stopWatch();
    await Promise.all(opened.map((p) => p.close()));
    throw err;
  }
}
