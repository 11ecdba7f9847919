import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SeamError } from './errors.ts';
import { formatGrading, parseGrading } from './grading.ts';
import { formatReleasability, parseReleasability } from './releasability.ts';

test('releasability parses its four forms and round-trips', () => {
  for (const s of ['org', 'partners', 'coalition', 'group:kcl-intel'])
    assert.equal(formatReleasability(parseReleasability(s)), s);
  for (const bad of ['', 'ORG', 'everyone', 'group:', 'group:Bad Name', 'group:../x']) {
    assert.throws(
      () => parseReleasability(bad),
      (e: unknown) => e instanceof SeamError && e.issues[0].field === 'releasability',
    );
  }
});

test('any string either parses to a releasability that round-trips, or is refused naming the field', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.string().map((s) => `group:${s}`),
      ),
      (s) => {
        try {
          assert.equal(formatReleasability(parseReleasability(s)), s);
        } catch (e) {
          assert.ok(e instanceof SeamError && e.code === 'validation', String(e));
        }
      },
    ),
    { numRuns: 1000 },
  );
});

test('Admiralty grading: A-F with 1-6, case-insensitive, round-trips', () => {
  assert.deepEqual(parseGrading('b2'), { reliability: 'B', credibility: 2 });
  fc.assert(
    fc.property(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), fc.integer({ min: 1, max: 6 }), (r, c) => {
      assert.equal(formatGrading(parseGrading(`${r}${c}`)), `${r}${c}`);
    }),
  );
  for (const bad of ['G1', 'A0', 'A7', 'AA', '2B', '']) assert.throws(() => parseGrading(bad), /grading/);
});
