import { revokedSerials } from '../service/tak-certificates.ts';
import type { Store } from '../store/store.ts';
import type { CotAcceptor } from './cot-acceptor.ts';
import type { TakLog } from './tak-port-log.ts';

/**
 * Disconnects the CoT clients of a certificate once it is revoked, whichever process revoked it
 * (`seam tak cert revoke` writes to the same database): the revocation list is re-read from the
 * change log's position every `intervalMs` and each serial new to it is cut off. Returns `stop`.
 */
export function watchRevocations(store: Store, cot: CotAcceptor, log: TakLog, intervalMs = 1000): () => void {
  let known: ReadonlySet<string> | null = null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = await revokedSerials(store);
      if (known !== null && now !== known) {
        for (const serial of now) {
          if (known.has(serial)) continue;
          const n = cot.disconnect({ certSerial: serial });
          if (n > 0) log('TAK clients disconnected: certificate revoked', { serial, clients: n });
        }
      }
      known = now;
    } catch (err) {
      log('TAK revocation check failed', { reason: (err as Error).message });
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
