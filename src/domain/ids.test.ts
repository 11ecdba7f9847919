import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatUuidV7, uuidPattern } from './ids.ts';

test('UUIDv7: version 7, RFC variant, and ordered by its timestamp', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 47 }),
      fc.integer({ min: 1, max: 2 ** 20 }),
      fc.uint8Array({ minLength: 10, maxLength: 10 }),
      fc.uint8Array({ minLength: 10, maxLength: 10 }),
      (ms, delta, r1, r2) => {
        const a = formatUuidV7(ms, r1);
        const b = formatUuidV7(ms + delta, r2);
        assert.match(a, uuidPattern);
        assert.equal(a[14], '7');
        assert.ok('89ab'.includes(a[19]));
        assert.ok(a < b);
      },
    ),
  );
});
