import type { FastifyInstance } from 'fastify';
import { startOverdueSweep } from '../service/support-requests.ts';
import type { Store } from '../store/store.ts';

/** How often the server looks for overdue support requests to escalate, by default. */
export const defaultOverdueSweepMs = 30_000;

/** Runs the overdue sweep of support requests while the server runs: from ready until close. */
export function supportRequestSweep(app: FastifyInstance, store: Store, everyMs = defaultOverdueSweepMs): void {
  let stop = () => {};
  app.addHook('onReady', async () => {
    stop = startOverdueSweep(store, everyMs, (err) =>
      app.log.error({ err }, 'overdue sweep of support requests failed'),
    );
  });
  app.addHook('onClose', async () => stop());
}
