import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from './ids.ts';

test('ids made in one process sort in creation order, even within one millisecond', () => {
  const ids = Array.from({ length: 20_000 }, () => newId(1_790_000_000_000));
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
});
