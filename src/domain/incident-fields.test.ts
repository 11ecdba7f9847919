import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeIncident } from '../../test/factories/incident.ts';
import { incidentFieldNames, incidentFromFields, incidentWire } from './incident-fields.ts';

const variants = {
  plain: makeIncident(),
  full: makeIncident({
    grading: { reliability: 'C', credibility: 3 },
    releasability: { scope: 'group', group: 'intel' },
    tearline: { releasability: { scope: 'coalition' }, summary: 'IED reported' },
    verification: 'duplicate',
    review: { by: 'analyst', at: '2026-01-02T00:00:00.000Z', reason: 'same event' },
    duplicateOf: '0191f1a0-0000-7000-8000-000000000009',
    casualties: {
      forces: [{ org: 'isf', killed: 1, wounded: 2, abducted: 0 }],
      civilians: { killed: 0, wounded: 1, abducted: 3 },
    },
    enrichment: {
      governorate: { name: 'Kirkuk', pcode: 'IQG13' },
      district: { name: 'Dibis', pcode: 'IQG13Q02' },
      lineSide: 'peshmerga',
      lineDistanceKm: -3.25,
      inZone: true,
      inGap: false,
      nearestCheckpoints: [{ org: 'isf', id: 'c1', name: 'CP 1', km: 1.5 }],
      h3: '882a100d25fffff',
      suspectedDuplicateOf: '0191f1a0-0000-7000-8000-000000000008',
    },
    exercise: true,
  }),
};

test('the field map reads back the incident it was made from, whatever the incident holds', () => {
  for (const [name, i] of Object.entries(variants)) {
    const wire = incidentWire(i, '38SMB4410025000');
    assert.deepEqual(incidentFromFields(wire), i, name);
    // The map survives the JSON it travels in.
    assert.deepEqual(incidentFromFields(JSON.parse(JSON.stringify(wire))), i, name);
  }
});

test('the field map names every own field once, under the names the store and the API use', () => {
  const wire = incidentWire(variants.full, null);
  assert.equal(new Set(incidentFieldNames).size, incidentFieldNames.length);
  for (const name of incidentFieldNames) assert.ok(Object.hasOwn(wire, name), name);
  assert.equal(wire.releasability, 'group:intel');
  assert.deepEqual(wire.tearline, { releasability: 'coalition', summary: 'IED reported' });
  assert.equal(wire.grading, 'C3');
  assert.equal(wire.governorate_pcode, 'IQG13');
});
