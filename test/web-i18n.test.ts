// Every string of the web app is translated: each key the code uses exists in English, Arabic and Kurdish, the
// three files hold the same keys with the same placeholders, and no translation is left in English.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifications } from '../src/domain/incident.ts';
import { incidentTypeCodes } from '../src/domain/taxonomy.ts';
import { windowPresets } from '../src/web/cop/time-window.ts';
import { layerLabelKey, toggleableLayers } from '../src/web/map/map-layers.ts';

const webDir = join(import.meta.dirname, '../src/web');
const locales = ['en', 'ar', 'ckb'] as const;

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const strings = Object.fromEntries(
  locales.map((l) => [l, flatten(JSON.parse(readFileSync(join(webDir, 'i18n/locales', `${l}.json`), 'utf8')))]),
) as Record<(typeof locales)[number], Map<string, string>>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort().join(',');

test('every literal key the app asks for exists in English', () => {
  const missing: string[] = [];
  for (const file of sources(webDir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g))
      if (!strings.en.has(m[1])) missing.push(`${file.slice(webDir.length + 1)}: ${m[1]}`);
  }
  assert.deepEqual(missing, []);
});

test('keys built at run time exist: every incident type, tab, layer and time window', () => {
  const needed = [
    ...incidentTypeCodes.map((c) => `types.${c}`),
    ...['incidents', 'report', 'gaps', 'layers'].map((t) => `tabs.${t}`),
    ...toggleableLayers.map(layerLabelKey),
    ...windowPresets.map((w) => `window.${w}`),
    ...verifications.map((v) => `verification.${v}`),
    ...['A', 'B', 'C', 'D', 'E', 'F'].map((r) => `grading.reliability.${r}`),
    ...['1', '2', '3', '4', '5', '6'].map((c) => `grading.credibility.${c}`),
    ...['create', 'update', 'delete'].map((o) => `detail.op.${o}`),
    ...['map', 'mgrs', 'place'].map((m) => `report.by.${m}`),
  ];
  assert.deepEqual(
    needed.filter((k) => !strings.en.has(k)),
    [],
  );
});

for (const lang of ['ar', 'ckb'] as const) {
  test(`${lang}: the same keys and placeholders as English, every string translated`, () => {
    const en = strings.en;
    const other = strings[lang];
    assert.deepEqual([...other.keys()].sort(), [...en.keys()].sort(), 'the same keys');
    const wrongPlaceholders = [...en].filter(([k, v]) => placeholders(v) !== placeholders(other.get(k) ?? ''));
    assert.deepEqual(
      wrongPlaceholders.map(([k]) => k),
      [],
      'the same placeholders',
    );
    // Names that stay as they are in every language.
    const same = new Set(['app.name', 'report.by.mgrs']);
    const untranslated = [...en].filter(([k, v]) => !same.has(k) && other.get(k) === v && /[a-z]{3}/i.test(v));
    assert.deepEqual(
      untranslated.map(([k]) => k),
      [],
      'left in English',
    );
    const latinWords = [...other].filter(
      ([k, v]) => !same.has(k) && /[A-Za-z]{4,}/.test(v.replace(/{{\w+}}|MGRS|\d+[A-Z]+\d+/g, '')),
    );
    assert.deepEqual(
      latinWords.map(([k]) => k),
      [],
      'no English words inside a translation',
    );
  });
}
