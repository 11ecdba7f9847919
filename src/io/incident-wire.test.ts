import assert from 'node:assert/strict';
import { test } from 'node:test';
import { incident } from '../../test/fixtures/io/wire-incidents.ts';
import { incidentWireNames } from '../domain/incident-fields.ts';
import { presentIncident } from '../server/presenters/incident.ts';
import type { IncidentWire } from './incident-wire.ts';

test('a presented incident is an IncidentWire (checked by the compiler), with every wire field in order', () => {
  const wire: IncidentWire = presentIncident(incident());
  assert.deepEqual(Object.keys(wire), incidentWireNames);
  assert.equal(wire.type_label, 'Checkpoint attack');
  assert.equal(wire.owner_org, 'peshmerga');
  assert.equal(wire.grading, 'B2');
});
