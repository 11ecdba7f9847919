import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeNameKey } from './place-name.ts';

test('case, hyphens, apostrophes and spacing do not matter', () => {
  assert.equal(placeNameKey('Al-Hawiga'), placeNameKey('  al hawiga '));
  assert.equal(placeNameKey("Ana'"), placeNameKey('ana'));
  assert.equal(placeNameKey('Salah Al-Din'), 'salah al din');
});

test('accents are ignored', () => {
  assert.equal(placeNameKey('Kirkūk'), 'kirkuk');
});

test('Arabic diacritics, tatweel and letter variants are folded', () => {
  assert.equal(placeNameKey('كَرْكُوك'), placeNameKey('كركوك'));
  assert.equal(placeNameKey('أربيل'), placeNameKey('اربيل'));
  assert.equal(placeNameKey('البصرة'), placeNameKey('البصره'));
  assert.equal(placeNameKey('الموصـــل'), placeNameKey('الموصل'));
});

test('different names keep different keys', () => {
  assert.notEqual(placeNameKey('Kirkuk'), placeNameKey('Erbil'));
  assert.notEqual(placeNameKey('كركوك'), placeNameKey('اربيل'));
});

test('a leading definite article is optional', () => {
  assert.equal(placeNameKey('Al-Mosul'), placeNameKey('Mosul'));
  assert.equal(placeNameKey('El Hawiga'), placeNameKey('hawiga'));
  assert.equal(placeNameKey('الموصل'), placeNameKey('موصل'));
  assert.equal(placeNameKey('Al'), 'al');
  assert.notEqual(placeNameKey('Alqosh'), placeNameKey('qosh'));
});
