// The planning tab builds some of its keys at run time (kinds, states, answers, shapes): each one exists in
// English, Arabic and Sorani, so no reader sees a raw key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { activityStates, builtInActivityKinds } from '../src/domain/activity.ts';
import { presenceKinds } from '../src/domain/presence.ts';

const localesDir = join(import.meta.dirname, '../src/web/i18n/locales');

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

const needed = [
  'tabs.plan',
  'layers.activities',
  ...builtInActivityKinds.map((k) => `activities.kinds.${k}`),
  ...activityStates.map((s) => `activities.states.${s}`),
  ...presenceKinds.map((k) => `activities.presence.${k}`),
  ...['activity', 'presence', 'incident'].map((w) => `activities.with.${w}`),
  ...['pending', 'acknowledged', 'concern'].map((a) => `activities.answer.${a}`),
  ...['start', 'done', 'cancel'].map((s) => `activities.steps.${s}`),
  ...['point', 'route', 'polygon'].flatMap((s) => [`plan.shapes.${s}`, `plan.needPoints.${s}`]),
  ...['map', 'typed'].map((e) => `plan.entries.${e}`),
  ...['new', 'list'].map((v) => `plan.views.${v}`),
];

for (const lang of ['en', 'ar', 'ckb']) {
  test(`${lang}: every key the planning tab builds at run time is a string`, () => {
    const strings = JSON.parse(readFileSync(join(localesDir, `${lang}.json`), 'utf8'));
    assert.deepEqual(
      needed.filter((k) => typeof lookup(strings, k) !== 'string'),
      [],
    );
  });
}
