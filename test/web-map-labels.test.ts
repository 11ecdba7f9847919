// The map's text in the reader's language: cluster counts (one per cluster, whatever the tab, language, window or
// zoom), country, governorate, district and town names, and the names of organisations and centres in the panels.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { artifactsDir, browserSuite, ensureWebBuilt, launchChromium, requireBrowser } from './harness/browser.ts';
import { startDemoServer } from './harness/demo-server.ts';
import type { TestServer } from './harness/fixture.ts';
import { mapOf, signedInPage, waitForMap } from './harness/web-page.ts';

type Lang = 'en' | 'ar' | 'ckb';
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

/**
 * What is wrong with the cluster counts: every cluster MapLibre drew (the map's `data-clusters`: x, y, count) must
 * carry exactly one label, at its centre, reading its count in the language's digits; no label may float elsewhere.
 */
async function clusterProblems(page: Page, lang: Lang): Promise<string[]> {
  return page.evaluate((lang) => {
    const map = document.querySelector<HTMLElement>('[data-testid="map"]')!;
    const clusters = JSON.parse(map.dataset.clusters ?? '[]') as Array<[number, number, number]>;
    const box = map.getBoundingClientRect();
    const labels = [...map.querySelectorAll<HTMLElement>('.cluster-label')].map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2 - box.x, y: r.y + r.height / 2 - box.y, text: el.textContent ?? '' };
    });
    const digits = lang === 'en' ? '0123456789' : '٠١٢٣٤٥٦٧٨٩';
    const written = (n: number) => [...String(n)].map((d) => digits[Number(d)]).join('');
    const problems: string[] = [];
    if (clusters.length === 0) problems.push('no clusters drawn');
    const used = new Set<number>();
    for (const [x, y, count] of clusters) {
      const near = labels.map((l, i) => [l, i] as const).filter(([l]) => Math.hypot(l.x - x, l.y - y) < 4);
      if (near.length !== 1) problems.push(`cluster of ${count} at ${x},${y} has ${near.length} labels`);
      for (const [l, i] of near) {
        used.add(i);
        if (l.text !== written(count)) problems.push(`cluster of ${count} at ${x},${y} reads "${l.text}"`);
      }
    }
    labels.forEach((l, i) => {
      if (!used.has(i)) problems.push(`label "${l.text}" at ${Math.round(l.x)},${Math.round(l.y)} is on no cluster`);
    });
    return problems;
  }, lang);
}

/** Waits (up to 15 s) for the cluster counts to settle right, then asserts there is nothing wrong with them. */
async function assertOneCountPerCluster(page: Page, lang: Lang, step: string): Promise<void> {
  const until = Date.now() + 15_000;
  let problems = await clusterProblems(page, lang);
  while (problems.length > 0 && Date.now() < until) {
    await page.waitForTimeout(250);
    problems = await clusterProblems(page, lang);
  }
  assert.deepEqual(problems, [], `after ${step}`);
}

/** The place labels a reader can see: shown, not hidden by a clash, inside the map. */
async function visiblePlaceLabels(page: Page) {
  return page.evaluate(() => {
    const map = document.querySelector<HTMLElement>('[data-testid="map"]')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.place-label')]
      .filter((el) => getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return {
          kind: el.dataset.kind ?? '',
          text: el.textContent ?? '',
          lang: el.lang,
          r: [r.left, r.top, r.right, r.bottom],
        };
      })
      .filter(({ r }) => r[2] > map.left && r[0] < map.right && r[3] > map.top && r[1] < map.bottom);
  });
}

/** The visible place labels once the map has come to rest and placed them for its view. */
async function settledPlaceLabels(page: Page) {
  await page.waitForFunction(
    () => document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.labelsPlaced === 'true',
    null,
    { timeout: 15_000 },
  );
  // MapLibre moves the markers in its next frame.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return visiblePlaceLabels(page);
}

async function setLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('language-select').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Waits until the map's place labels are placed (they follow the incidents) and the map is at rest. */
async function waitForPlaceLabels(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.place-label.town').length > 0, null, {
    timeout: 20_000,
  });
  await page.waitForTimeout(600);
}

async function zoom(page: Page, direction: 'in' | 'out', times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.locator(`.maplibregl-ctrl-zoom-${direction}`).click();
    await page.waitForTimeout(700);
  }
  await page.waitForTimeout(500);
}

const countries: Record<Lang, string[]> = {
  en: ['SYRIA', 'TURKEY', 'IRAN', 'JORDAN', 'SAUDI ARABIA', 'KUWAIT'],
  ar: ['سوريا', 'تركيا', 'إيران', 'الأردن', 'السعودية', 'الكويت'],
  ckb: ['سووریا', 'تورکیا', 'ئێران', 'ئوردن', 'سعوودیە', 'کوەیت'],
};
// Kirkuk the town in each language; Nineveh the governorate (OCHA names it in English and Arabic only, so a Sorani
// reader gets the Arabic spelling); Makhmour the district, once zoomed in.
const kirkuk: Record<Lang, string> = { en: 'Kirkuk', ar: 'كركوك', ckb: 'کەرکووک' };
const nineveh: Record<Lang, string> = { en: 'Ninewa', ar: 'نينوى', ckb: 'نينوى' };
const jccNineveh: Record<Lang, string> = {
  en: 'JCC Nineveh',
  ar: 'مركز تنسيق نينوى',
  ckb: 'ناوەندی هەماهەنگیی نەینەوا',
};
const isf: Record<Lang, string> = {
  en: 'Iraqi Security Forces',
  ar: 'قوات الأمن العراقية',
  ckb: 'هێزە ئەمنییەکانی عێراق',
};

function overlaps(labels: Array<{ text: string; r: number[] }>): string[] {
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const [a, b] = [labels[i].r, labels[j].r];
      if (a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1]) out.push(`${labels[i].text} / ${labels[j].text}`);
    }
  return out;
}

describe('the map in the reader’s language', browserSuite, () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  const scope = { after: (fn: () => void | Promise<void>) => void cleanups.push(fn) };
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    if (requireBrowser()) return;
    ensureWebBuilt();
    mkdirSync(artifactsDir, { recursive: true });
    ({ server } = await startDemoServer(scope));
    browser = await launchChromium(scope);
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  test('each cluster shows exactly one count, after the gaps tab, each language, a new window and zooming', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const { page } = await signedInPage(t, browser, server.url, 'isf-analyst');
    await waitForMap(page);
    await assertOneCountPerCluster(page, 'en', 'the first picture');
    const steps: Array<[string, Lang, () => Promise<void>]> = [
      ['the gaps tab', 'en', () => page.getByTestId('tab-gaps').click()],
      ['Arabic', 'ar', () => setLanguage(page, 'ar')],
      ['Central Kurdish', 'ckb', () => setLanguage(page, 'ckb')],
      ['a 30-day window', 'ckb', () => page.getByTestId('window-30d').click()],
      ['zooming in', 'ckb', () => zoom(page, 'in')],
      ['the incidents tab', 'ckb', () => page.getByTestId('tab-incidents').click()],
      ['English', 'en', () => setLanguage(page, 'en')],
      ['a 7-day window', 'en', () => page.getByTestId('window-7d').click()],
      ['zooming out', 'en', () => zoom(page, 'out')],
      [
        'the gaps tab in Arabic',
        'ar',
        async () => {
          await setLanguage(page, 'ar');
          await page.getByTestId('tab-gaps').click();
        },
      ],
    ];
    for (const [step, lang, act] of steps) {
      await act();
      await assertOneCountPerCluster(page, lang, step);
    }
    await mapOf(page).screenshot({ path: join(artifactsDir, 'map-cluster-counts-ar.png') });
  });

  for (const [device, viewport] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const)
    for (const lang of ['en', 'ar', 'ckb'] as const)
      test(`${device}, ${lang}: countries, governorates, districts and towns named in the language, none overlapping`, async (t) => {
        const why = requireBrowser();
        if (why) return t.skip(why);
        const { page } = await signedInPage(t, browser, server.url, 'isf-liaison', { viewport });
        if (lang !== 'en') await setLanguage(page, lang);
        await waitForMap(page);
        await waitForPlaceLabels(page);

        // The opening view: governorates and the main towns, in the reader's language.
        const opening = await settledPlaceLabels(page);
        await mapOf(page).screenshot({ path: join(artifactsDir, `map-names-${lang}-${device}.png`) });
        assert.deepEqual(overlaps(opening), [], 'no two names overlap');
        const texts = (kind: string, labels = opening) => labels.filter((l) => l.kind === kind).map((l) => l.text);
        assert.ok(texts('town').includes(kirkuk[lang]), `the town of Kirkuk: ${texts('town').join(', ')}`);
        if (device === 'desktop') {
          assert.ok(texts('governorate').includes(nineveh[lang]), `Nineveh: ${texts('governorate').join(', ')}`);
          assert.ok(texts('town').length >= 5, `the main towns: ${texts('town').join(', ')}`);
        }
        const wrongScript = opening.filter((l) => (lang === 'en') === /[\u0600-\u06ff]/.test(l.text));
        assert.deepEqual(
          wrongScript.map((l) => l.text),
          [],
          'every name in the script of the language',
        );

        // Zoomed out: the neighbouring countries by name.
        await zoom(page, 'out', device === 'desktop' ? 2 : 1);
        const wide = await settledPlaceLabels(page);
        await mapOf(page).screenshot({ path: join(artifactsDir, `map-countries-${lang}-${device}.png`) });
        assert.deepEqual(overlaps(wide), [], 'no two names overlap zoomed out');
        const shownCountries = texts('country', wide).map((c) => (lang === 'en' ? c.toUpperCase() : c));
        const expected = device === 'desktop' ? countries[lang] : countries[lang].slice(0, 3);
        for (const c of expected) assert.ok(shownCountries.includes(c), `${c} is named: ${shownCountries.join(', ')}`);
        assert.ok(
          !texts('country', wide).some((c) => /iraq|العراق|عێراق/i.test(c)),
          'the country of the boundaries is named by its governorates',
        );

        // Zoomed in on the line: district names and the smaller towns.
        if (device === 'desktop') {
          await zoom(page, 'in', 4);
          const close = await settledPlaceLabels(page);
          await mapOf(page).screenshot({ path: join(artifactsDir, `map-districts-${lang}-${device}.png`) });
          assert.deepEqual(overlaps(close), [], 'no two names overlap zoomed in');
          assert.ok(texts('district', close).length > 0, 'districts are named');
          assert.ok(texts('town', close).length >= 5, `towns: ${texts('town', close).join(', ')}`);
        }

        // The panels name the organisations and centres in the language too.
        await page.getByTestId('tab-layers').click();
        await page.getByText(isf[lang], { exact: true }).waitFor();
        await page.getByTestId('tab-incidents').click();
        const options = await page.getByTestId('incident-jcc-filter').locator('option').allTextContents();
        assert.ok(options.includes(jccNineveh[lang]), `the JCC filter: ${options.join(', ')}`);
      });
});
