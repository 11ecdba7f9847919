import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkName, nameIn } from './names.ts';

test('a name is trimmed; empty, over-long or direction-changing names are refused with the reason', () => {
  assert.deepEqual(checkName('  كركوك '), { name: 'كركوك' });
  assert.deepEqual(checkName('   '), { problem: 'is empty' });
  assert.deepEqual(checkName('x'.repeat(201)), { problem: 'is 201 characters; at most 200' });
  assert.deepEqual(checkName('Kirkuk\u202e'), { problem: 'holds a control or text-direction character' });
  assert.deepEqual(checkName('a\nb'), { problem: 'holds a control or text-direction character' });
});

test('a reader sees the name in their language, or the English one where there is none', () => {
  const names = { en: 'Makhmour', ar: 'مخمور', ckb: null };
  assert.equal(nameIn(names, 'en'), 'Makhmour');
  assert.equal(nameIn(names, 'ar'), 'مخمور');
  assert.equal(nameIn(names, 'ckb'), 'Makhmour');
  assert.equal(nameIn(names, 'fr'), 'Makhmour');
});

test('every accepted name is non-empty, trimmed and at most 200 characters', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 260 }), (s) => {
      const r = checkName(s);
      if ('name' in r) {
        assert.ok(r.name.length > 0 && r.name.length <= 200);
        assert.equal(r.name, r.name.trim());
      }
    }),
  );
});
