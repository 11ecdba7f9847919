import assert from 'node:assert/strict';
import { test } from 'node:test';
import { incident } from '../../test/fixtures/io/wire-incidents.ts';
import { presentIncident } from '../server/presenters/incident.ts';
import type { IncidentWire } from './incident-wire.ts';

test('a presented incident is an IncidentWire (checked by the compiler), with the fields exporters read', () => {
  const wire: IncidentWire = presentIncident(incident());
  const read: (keyof IncidentWire)[] = [
    'id',
    'type',
    'time',
    'time_precision',
    'lon',
    'lat',
    'location_precision',
    'place',
    'narrative',
    'casualties',
    'grading',
    'owner_org',
    'source',
    'source_id',
    'exercise',
    'updated_at',
  ];
  for (const k of read) assert.ok(Object.hasOwn(wire, k), k);
});
