import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  benjaminiHochberg,
  bhAdjustGroups,
  erfc,
  giStar,
  giStarGlobals,
  giStarZ,
  randomizationP,
  twoSidedP,
} from './gi-star.ts';

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('normal p-values: erfc and two-sided p at known points', () => {
  close(erfc(0), 1);
  close(twoSidedP(1.959963985), 0.05, 1e-6);
  close(twoSidedP(-2.575829304), 0.01, 1e-7);
  close(twoSidedP(3), 0.002699796, 1e-8);
  close(erfc(-1), 2 - erfc(1));
});

test('Gi* on a path of five cells, computed by hand', () => {
  // Values 0 0 3 0 0; neighbourhoods are the cell and its path neighbours. n = 5, mean 0.6, S = 1.2.
  const x = [0, 0, 3, 0, 0];
  const nb = [
    [0, 1],
    [0, 1, 2],
    [1, 2, 3],
    [2, 3, 4],
    [3, 4],
  ];
  const g = giStarGlobals(x);
  close(g.mean, 0.6);
  close(g.sd, 1.2);
  // Middle three: (3 − 0.6·3) / (1.2·√((5·3 − 9)/4)) = 1/√1.5; ends: (0 − 1.2) / (1.2·√((10 − 4)/4)) = −1/√1.5.
  const z = giStar(x, nb);
  const k = 1 / Math.sqrt(1.5);
  [-k, k, k, k, -k].forEach((expected, i) => {
    close(z[i], expected);
  });
  // A neighbourhood that is everything carries no information.
  assert.equal(giStarZ(3, 5, g), 0);
});

test('Benjamini–Hochberg q-values by hand, and tied groups', () => {
  const { adjusted, significant } = benjaminiHochberg([0.01, 0.04, 0.03, 0.005], 0.03);
  [0.02, 0.04, 0.04, 0.02].forEach((q, i) => {
    close(adjusted[i], q, 1e-12);
  });
  assert.deepEqual(significant, [true, false, false, true]);
  // Three tests sharing p = 0.01 and one at 0.04: the tie takes the rank of its last member.
  const grouped = bhAdjustGroups([
    { p: 0.04, count: 1 },
    { p: 0.01, count: 3 },
  ]);
  close(grouped[1], (4 * 0.01) / 3, 1e-12);
  close(grouped[0], 0.04, 1e-12);
  assert.deepEqual(benjaminiHochberg([0.01, 0.01, 0.01, 0.04]).adjusted.slice(0, 3), [
    grouped[1],
    grouped[1],
    grouped[1],
  ]);
});

test('randomisation p-values by hand: the local sum against w draws from the values', () => {
  // Four cells hold 0, 0, 0, 1: one draw is 1 with probability 1/4; the sum of two draws is 0, 1, 2 with
  // probabilities 9/16, 6/16, 1/16. Two-sided p = 2·min(upper tail, lower tail).
  const p = randomizationP([[1, 1]], 4, 2);
  assert.ok(p);
  close(p(2), 2 / 16, 1e-15);
  close(p(1), 2 * (7 / 16), 1e-15);
  close(p(0), 1, 1e-15);
  assert.equal(p(3), 0);
  assert.equal(randomizationP([[0.5, 2]], 10, 3), null);
});
