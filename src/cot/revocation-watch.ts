import { revokedSerials } from '../service/tak-certificates.ts';
import type { Store } from '../store/store.ts';
import type { CotAcceptor } from './cot-acceptor.ts';
import type { TakLog } from './tak-port-log.ts';

/**
 * Disconnects CoT clients whose certificate was revoked or whose user was disabled, whichever
 * process did it (`seam tak cert revoke` and `seam user disable` write to the same database): the
 * change log's position for certificates and users is checked every `intervalMs`, and only when it
 * moved is the revocation list re-read (each serial new to it is cut off) and the connected users
 * looked up. Returns `stop`.
 */
export function watchRevocations(store: Store, cot: CotAcceptor, log: TakLog, intervalMs = 1000): () => void {
  let known: ReadonlySet<string> | null = null;
  let usersSeq: number | null = null;
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
      const seq = await store.changeLog.lastSeqOf(['user']);
      if (usersSeq !== null && seq !== usersSeq) {
        for (const username of new Set(cot.clients().map((c) => c.username))) {
          const user = await store.users.findByName(username);
          if (user && !user.disabled) continue;
          const n = cot.disconnect({ username });
          if (n > 0) log('TAK clients disconnected: user disabled', { username, clients: n });
        }
      }
      usersSeq = seq;
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
