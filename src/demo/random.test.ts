import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom, mulberry32 } from './random.ts';

test('the same seed gives the same sequence, another seed another', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const c = mulberry32(43);
  const sa = Array.from({ length: 5 }, a);
  assert.deepEqual(sa, Array.from({ length: 5 }, b));
  assert.notDeepEqual(sa, Array.from({ length: 5 }, c));
});

test('values stay in range and look uniform', () => {
  const r = createRandom(7);
  let sum = 0;
  for (let i = 0; i < 10_000; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    sum += x;
    const k = r.int(3, 5);
    assert.ok(k >= 3 && k <= 5 && Number.isInteger(k));
  }
  assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02);
});

test('weighted, pick, chance and bytes behave', () => {
  const r = createRandom(1);
  const counts = { a: 0, b: 0 };
  for (let i = 0; i < 10_000; i++)
    counts[
      r.weighted([
        ['a', 3],
        ['b', 1],
      ] as const)
    ]++;
  assert.ok(Math.abs(counts.a / 10_000 - 0.75) < 0.02);
  assert.throws(() => r.pick([]), RangeError);
  assert.equal(r.pick(['x']), 'x');
  assert.equal(r.chance(0), false);
  assert.equal(r.chance(1), true);
  const bytes = r.bytes(10);
  assert.equal(bytes.length, 10);
  assert.ok(bytes.every((b) => b >= 0 && b < 256));
});

test('normal has about the right mean and spread', () => {
  const r = createRandom(3);
  const xs = Array.from({ length: 20_000 }, () => r.normal(10, 2));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
  assert.ok(Math.abs(mean - 10) < 0.05 && Math.abs(sd - 2) < 0.05);
});
