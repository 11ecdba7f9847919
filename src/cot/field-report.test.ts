import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CotEvent } from './event.ts';
import { fieldReportOf } from './field-report.ts';

const event = (uid: string, type: string, how: string, xmlDetail?: string): CotEvent => ({
  uid,
  type,
  how,
  time: '2026-01-01T06:00:00.000Z',
  start: '2026-01-01T06:00:00.000Z',
  stale: '2026-01-01T07:00:00.000Z',
  point: { lat: 35.4, lon: 44.4, hae: 0, ce: 5, le: 5 },
  detail: { contact: { callsign: 'Marker 1' }, ...(xmlDetail ? { xmlDetail } : {}) },
});

test('the marker convention names the incident type: a <seam type> element, or remarks starting #seam', () => {
  assert.equal(fieldReportOf(event('m1', 'b-m-p-s-m', 'h-e', '<seam type="ied"/>'))?.type, 'ied');
  const r = fieldReportOf(
    event('m2', 'b-m-p-s-m', 'h-e', '<remarks>#seam armed_clash Shots fired at the checkpoint</remarks>'),
  );
  assert.deepEqual(
    { type: r?.type, narrative: r?.narrative, lon: r?.lon, time: r?.time },
    { type: 'armed_clash', narrative: 'Shots fired at the checkpoint', lon: 44.4, time: '2026-01-01T06:00:00.000Z' },
  );
});

test('without a marker, a hostile ground marker placed by hand is a sighting and a casualty marker a casualty', () => {
  assert.equal(fieldReportOf(event('h', 'a-h-G-U-C', 'h-g-i-g-o'))?.type, 'sighting');
  assert.equal(fieldReportOf(event('h', 'a-h-G-U-C', 'h-g-i-g-o'))?.narrative, 'Reported from TAK: Marker 1');
  const c = fieldReportOf(event('c', 'b-r-f-h-c', 'h-e', '<remarks>two wounded</remarks>'));
  assert.deepEqual([c?.type, c?.narrative], ['other', 'Casualty: two wounded']);
});

test('no report: a machine-measured hostile track, a friendly marker, an unknown type in the marker, Seam’s own markers', () => {
  assert.equal(fieldReportOf(event('t', 'a-h-G', 'm-g')), null);
  assert.equal(fieldReportOf(event('f', 'a-f-G', 'h-e')), null);
  assert.equal(fieldReportOf(event('u', 'b-m-p-s-m', 'h-e', '<remarks>#seam nonsense text</remarks>')), null);
  assert.equal(fieldReportOf(event('seam.incident.1', 'a-h-G', 'h-e', '<seam type="ied"/>')), null);
});
