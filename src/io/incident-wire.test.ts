import assert from 'node:assert/strict';
import { test } from 'node:test';
import { incident } from '../../test/fixtures/io/wire-incidents.ts';
import { incidentFieldNames } from '../domain/incident-fields.ts';
import { presentIncident } from '../server/presenters/incident.ts';
import type { IncidentWire } from './incident-wire.ts';

test('a presented incident is an IncidentWire (checked by the compiler), with every field of the incident and what is worked out from it', () => {
  const wire: IncidentWire = presentIncident(incident());
  const derived = ['type_label', 'acled_event_type', 'acled_sub_event_type', 'mgrs'];
  assert.deepEqual(Object.keys(wire).sort(), [...incidentFieldNames, ...derived].sort());
  assert.equal(wire.type_label, 'Checkpoint attack');
  assert.equal(wire.owner_org, 'peshmerga');
  assert.equal(wire.grading, 'B2');
});
