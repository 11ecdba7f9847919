import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  defaultResponseDeadlines,
  isEscalationChange,
  isOverdue,
  needsEscalation,
  responseDeadline,
} from './support-request.ts';

test('the response deadline follows from the priority: urgent 15 min, priority 1 h, routine 24 h by default', () => {
  const at = '2026-03-01T08:00:00.000Z';
  assert.equal(responseDeadline(at, 'urgent', defaultResponseDeadlines), '2026-03-01T08:15:00.000Z');
  assert.equal(responseDeadline(at, 'priority', defaultResponseDeadlines), '2026-03-01T09:00:00.000Z');
  assert.equal(responseDeadline(at, 'routine', defaultResponseDeadlines), '2026-03-02T08:00:00.000Z');
  assert.equal(responseDeadline(at, 'urgent', { ...defaultResponseDeadlines, urgent: 5 }), '2026-03-01T08:05:00.000Z');
});

test('overdue: still waiting for an answer after the deadline; escalated once', () => {
  const respondBy = '2026-03-01T08:15:00.000Z';
  const after = new Date('2026-03-01T08:15:00.001Z');
  const at = new Date(respondBy);
  assert.equal(isOverdue({ state: 'requested', respondBy }, at), false, 'not at the deadline itself');
  assert.equal(isOverdue({ state: 'requested', respondBy }, after), true);
  assert.equal(isOverdue({ state: 'needs_information', respondBy }, after), true);
  for (const state of ['accepted', 'declined', 'assigned', 'under_way', 'done', 'cancelled'] as const)
    assert.equal(isOverdue({ state, respondBy }, after), false, state);
  assert.equal(needsEscalation({ state: 'requested', respondBy, escalatedAt: null }, after), true);
  assert.equal(needsEscalation({ state: 'requested', respondBy, escalatedAt: after.toISOString() }, after), false);
});

test('the escalation is the change whose time is the escalation time; later changes are not', () => {
  const at = '2026-03-01T08:16:00.000Z';
  assert.equal(isEscalationChange({ escalatedAt: at }, at), true);
  assert.equal(isEscalationChange({ escalatedAt: at }, '2026-03-01T08:20:00.000Z'), false);
  assert.equal(isEscalationChange({ escalatedAt: null }, at), false);
});
