import { SeamError } from '../../domain/errors.ts';

/**
 * Where a resumed live stream starts: after the sequence number a client last received (its
 * `Last-Event-ID` header, else an explicit `after`), or at `present` when it names neither.
 */
export function resumeCursor(
  lastEventId: string | string[] | undefined,
  after: number | undefined,
  present: () => number,
): number {
  if (typeof lastEventId === 'string' && lastEventId !== '') {
    if (!/^\d{1,15}$/.test(lastEventId))
      throw new SeamError('validation', 'Last-Event-ID: expected a sequence number', [
        { field: 'Last-Event-ID', reason: 'expected a sequence number' },
      ]);
    return Number(lastEventId);
  }
  return after ?? present();
}
