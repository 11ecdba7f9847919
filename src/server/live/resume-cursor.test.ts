import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SeamError } from '../../domain/errors.ts';
import { resumeCursor } from './resume-cursor.ts';

test('Last-Event-ID wins over after, after wins over the present', () => {
  assert.equal(
    resumeCursor('42', 7, () => 99),
    42,
  );
  assert.equal(
    resumeCursor(undefined, 7, () => 99),
    7,
  );
  assert.equal(
    resumeCursor('', undefined, () => 99),
    99,
  );
});

test('any Last-Event-ID that is not a sequence number is rejected, naming the header', () => {
  fc.assert(
    fc.property(
      fc.string().filter((s) => s !== '' && !/^\d{1,15}$/.test(s)),
      (header) => {
        assert.throws(
          () => resumeCursor(header, undefined, () => 0),
          (e: unknown) => e instanceof SeamError && e.code === 'validation' && e.message.includes('Last-Event-ID'),
        );
      },
    ),
  );
  assert.throws(() => resumeCursor('1234567890123456', undefined, () => 0), SeamError);
});
