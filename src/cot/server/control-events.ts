/** The events the server itself answers with: the pong to a client's ping. */
import { type CotEvent, pongType } from '../event.ts';

/** The answer to a client's ping (`t-x-c-t`), as TAK servers send it. */
export function pong(nowMs: number): CotEvent {
  const time = new Date(nowMs).toISOString();
  return {
    uid: 'takPong',
    type: pongType,
    how: 'h-g-i-g-o',
    time,
    start: time,
    stale: new Date(nowMs + 20_000).toISOString(),
    point: { lat: 0, lon: 0, hae: 0, ce: 9999999, le: 9999999 },
    detail: {},
  };
}
