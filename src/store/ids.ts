import { randomBytes } from 'node:crypto';
import { formatUuidV7 } from '../domain/ids.ts';

let lastMs = 0;
let counter = 0;

/** A new UUIDv7; ids made by this process sort in creation order, even within one millisecond. */
export function newId(now: number = Date.now()): string {
  const random = randomBytes(10);
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms = ++lastMs;
      counter = 0;
    }
  } else {
    lastMs = ms;
    counter = 0;
  }
  random[0] = (counter >> 8) & 0x0f;
  random[1] = counter & 0xff;
  return formatUuidV7(ms, random);
}
