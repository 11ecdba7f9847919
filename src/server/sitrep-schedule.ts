import type { FastifyInstance } from 'fastify';
import { startSitrepSchedule } from '../service/sitreps.ts';
import type { Store } from '../store/store.ts';

/** How often `seam serve` looks for SITREPs due to be drafted, by default. */
export const defaultSitrepScheduleMs = 60_000;

/**
 * Drafts the scheduled SITREPs while the server runs: from ready until close. Each run drafts only
 * the reports whose period has no report yet, so a run that finds nothing due costs a few reads.
 */
export function sitrepScheduleTimer(app: FastifyInstance, store: Store, everyMs: number): void {
  let stop = () => {};
  app.addHook('onReady', async () => {
    stop = startSitrepSchedule(store, everyMs, (err) => app.log.error({ err }, 'scheduled SITREP drafting failed'));
  });
  app.addHook('onClose', async () => stop());
}
