import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeamError } from '../../domain/errors.ts';
import { StreamSlots } from './stream-slots.ts';

test('a user holds at most the limit; releasing (even twice) frees exactly one slot', () => {
  const slots = new StreamSlots(2);
  const a = slots.acquire('u1');
  slots.acquire('u1');
  assert.throws(
    () => slots.acquire('u1'),
    (e: unknown) => e instanceof SeamError && e.code === 'rate_limited',
  );
  slots.acquire('u2');
  a();
  a();
  slots.acquire('u1');
  assert.throws(() => slots.acquire('u1'), SeamError);
});
