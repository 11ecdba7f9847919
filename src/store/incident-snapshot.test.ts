import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeIncident } from '../../test/factories/incident.ts';
import { noEnrichment } from '../domain/enrichment.ts';
import { incidentFromSnapshot } from './incident-snapshot.ts';

test('a snapshot written before tearlines, reviews and enrichment existed reads with their empty values', () => {
  const { tearline: _t, review: _r, duplicateOf: _d, enrichment: _e, ...old } = makeIncident();
  const read = incidentFromSnapshot(JSON.parse(JSON.stringify(old)));
  assert.equal(read.tearline, null);
  assert.equal(read.review, null);
  assert.equal(read.duplicateOf, null);
  assert.deepEqual(read.enrichment, noEnrichment);
  assert.equal(read.id, old.id);
});

test('a current snapshot reads back unchanged', () => {
  const i = makeIncident({ tearline: { releasability: { scope: 'coalition' }, summary: 's' } });
  assert.deepEqual(incidentFromSnapshot(JSON.parse(JSON.stringify(i))), i);
});
