import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { toMgrs } from '../src/geo/mgrs.ts';
import { artifactsDir, browserSuite, ensureWebBuilt, launchChromium, requireBrowser } from './harness/browser.ts';
import { startDemoServer } from './harness/demo-server.ts';
import type { TestServer } from './harness/fixture.ts';
import {
  countColours,
  mapCanvasShot,
  mapOf,
  openPage,
  pageFetch,
  pickOnMap,
  signedInPage,
  signIn,
  visibleLayers,
  waitForMap,
} from './harness/web-page.ts';

type Messages = { tabs: Record<string, string>; detail: Record<string, string> };
const locale = (code: string): Messages =>
  JSON.parse(readFileSync(new URL(`../src/web/i18n/locales/${code}.json`, import.meta.url), 'utf8'));

const kirkuk = { lon: 44.39, lat: 35.47 };
const tabIds = ['incidents', 'report', 'gaps', 'layers'];

/** Polls until the map canvas looks different from `before`: the map moved or redrew. */
async function waitForRedraw(page: Page, before: Buffer, timeoutMs = 8_000): Promise<Buffer> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = await mapCanvasShot(page);
    if (!now.equals(before)) return now;
    if (Date.now() > until) throw new Error('the map canvas did not change');
    await page.waitForTimeout(200);
  }
}

describe('the web app in a browser', browserSuite, () => {
  // One demo server and one browser for the file; each test gets its own browser contexts.
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

  const signedIn = (t: { after(fn: () => Promise<void>): void }, username: string) =>
    signedInPage(t, browser, server.url, username);

  test('the map is drawn with the picture’s layers, and a layer switched off leaves it', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const { page } = await signedIn(t, 'isf-analyst');
    await waitForMap(page);

    const layers = await visibleLayers(page);
    for (const id of [
      'line',
      'zone-fill',
      'jcc-aor',
      'presence-checkpoint',
      'presence-patrol',
      'incident-points',
      'incident-clusters',
      'gap-fill',
      'boundaries-governorate',
    ])
      assert.ok(layers.includes(id), `layer ${id} is visible: ${layers.join(',')}`);
    const rendered = Number(await mapOf(page).getAttribute('data-incidents-rendered'));
    assert.ok(rendered > 0, `incidents rendered: ${rendered}`);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('seam:incidents-rendered').length), 1);

    const shot = await mapCanvasShot(page);
    const colours = await countColours(page, shot);
    assert.ok(colours.distinct >= 20, `the canvas has ${colours.distinct} colours`);
    assert.ok(colours.dominantShare < 0.95, `one colour covers ${(colours.dominantShare * 100).toFixed(1)}%`);
    await page.screenshot({ path: join(artifactsDir, 'web-map.png') });

    await page.getByTestId('tab-layers').click();
    const incidents = page.getByTestId('layer-incidents');
    assert.equal(await incidents.isChecked(), true);
    await incidents.uncheck();
    await page.waitForFunction(
      () =>
        !document
          .querySelector<HTMLElement>('[data-testid="map"]')
          ?.dataset.layers?.split(',')
          .includes('incident-points'),
      undefined,
      { timeout: 5_000 },
    );
    const without = await visibleLayers(page);
    assert.ok(!without.includes('incident-clusters'), without.join(','));
    assert.deepEqual(
      without,
      layers.filter((l) => !l.startsWith('incident-')),
      'every other layer stays',
    );
    await waitForRedraw(page, shot);
  });

  test('a report reaches a partner’s list live; an ISF-only one never does', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    // B first, following the stream before A reports.
    const b = await openPage(browser);
    t.after(async () => {
      await b.context.close();
      assert.deepEqual(b.errors, [], "errors thrown in peshmerga-analyst's page");
    });
    const listRequests: string[] = [];
    b.page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/incidents') listRequests.push(r.url());
    });
    const streamOpen = b.page.waitForResponse((r) => r.url().includes('/api/v1/stream'), { timeout: 20_000 });
    const [{ page: a }] = await Promise.all([
      signedIn(t, 'isf-reporter'),
      signIn(b.page, server.url, 'peshmerga-analyst'),
    ]);
    assert.equal((await streamOpen).status(), 200);
    await b.page.getByTestId('incident-item').first().waitFor();
    const listFetches = listRequests.length;
    assert.ok(listFetches >= 1, 'the list was fetched once when the page opened');
    await a.getByTestId('tab-report').click();
    const form = a.getByTestId('report-form');
    await form.locator('#report-type').selectOption('ied');
    await a.getByTestId('location-mgrs').check();
    await form.locator('#report-mgrs').fill(toMgrs(kirkuk.lon, kirkuk.lat, 5));
    await form.locator('#report-narrative').fill('ISF only: browser test');
    await form.locator('#report-releasability').selectOption('org');
    await a.getByTestId('report-submit').click();
    const first = a.getByTestId('report-result');
    const orgOnly = await first.getAttribute('data-id', { timeout: 5_000 });
    assert.ok(orgOnly);

    // The form starts afresh after a report: type and sharing are chosen again.
    await form.locator('#report-type').selectOption('ied');
    await form.locator('#report-releasability').selectOption('partners');
    await a.getByTestId('location-map').check();
    const [lon, lat] = await pickOnMap(a, kirkuk.lon, kirkuk.lat);
    assert.ok(Math.abs(lon - kirkuk.lon) < 0.05 && Math.abs(lat - kirkuk.lat) < 0.05, `picked ${lon}, ${lat}`);
    await form.locator('#report-narrative').fill('For partners: browser test');
    await a.screenshot({ path: join(artifactsDir, 'web-incident-form.png') });
    const sent = Date.now();
    await a.getByTestId('report-submit').click();
    const second = a.locator(`[data-testid="report-result"]:not([data-id="${orgOnly}"])`);
    const partners = await second.getAttribute('data-id', { timeout: 5_000 });
    assert.ok(partners && partners !== orgOnly);

    const mine = await pageFetch(a, `/api/v1/incidents/${partners}`);
    assert.equal(mine.status, 200);
    assert.equal((mine.body as { jcc: string }).jcc, 'k1', 'the map pick fell in the Kirkuk JCC');
    assert.equal((mine.body as { releasability: string }).releasability, 'partners');

    await b.page.locator(`[data-testid="incident-item"][data-id="${partners}"]`).waitFor({ timeout: 5_000 });
    // Informative only (timings are measured in bench/, never asserted): from the click on "Send" to the partner's list.
    t.diagnostic(`the report appeared in the partner's list ${Date.now() - sent} ms after it was sent`);
    assert.equal(await b.page.locator(`[data-testid="incident-item"][data-id="${orgOnly}"]`).count(), 0);
    assert.equal(listRequests.length, listFetches, 'the list was not fetched again: the item came over the stream');
    assert.equal((await pageFetch(b.page, `/api/v1/incidents/${orgOnly}`)).status, 404);
    assert.equal((await pageFetch(b.page, `/api/v1/incidents/${partners}`)).status, 200);
  });

  test('the gap panel shows figures, a trend and corridors, and takes the map to a corridor', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const { page } = await signedIn(t, 'isf-analyst');
    await waitForMap(page);
    await page.getByTestId('tab-gaps').click();
    const panel = page.getByTestId('gap-panel');
    const uncovered = panel.getByTestId('gap-uncovered-km2');
    await uncovered.waitFor({ timeout: 20_000 });
    assert.match((await uncovered.textContent()) ?? '', /\d/);
    assert.match((await panel.getByTestId('gap-stretch-km').textContent()) ?? '', /\d/);
    const corridors = panel.getByTestId('corridor-item');
    await corridors.first().waitFor();
    const corridorCount = await corridors.count();
    assert.ok(corridorCount >= 1);
    assert.equal((await panel.getByTestId('gap-corridor-count').textContent())?.trim(), String(corridorCount));
    await panel.getByTestId('gap-trend').locator('svg').first().waitFor({ timeout: 20_000 });
    assert.match((await panel.getByTestId('gap-trend-verdict').textContent()) ?? '', /\S/);
    assert.ok((await panel.getByTestId('site-item').count()) >= 1, 'recommended checkpoints are listed');
    const layers = await visibleLayers(page);
    for (const id of ['gap-fill', 'corridor-pinch', 'hotspot-fill', 'site-point'])
      assert.ok(layers.includes(id), `layer ${id} is visible: ${layers.join(',')}`);

    const before = await mapCanvasShot(page);
    await corridors.first().getByRole('button').click();
    await waitForRedraw(page, before);
    await page.screenshot({ path: join(artifactsDir, 'web-gap-panel.png') });
  });

  test('Arabic and Kurdish turn the page right-to-left, translated, and the choice is remembered', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const { page } = await signedIn(t, 'isf-analyst');
    const en = locale('en');
    const tabLabels = () =>
      Promise.all(tabIds.map(async (id) => (await page.getByTestId(`tab-${id}`).textContent())?.trim()));
    const documentLanguage = () => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

    assert.deepEqual(await documentLanguage(), ['en', 'ltr']);
    assert.deepEqual(
      await tabLabels(),
      tabIds.map((id) => en.tabs[id]),
    );

    const ar = locale('ar');
    await page.getByTestId('language-select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    assert.deepEqual(await documentLanguage(), ['ar', 'rtl']);
    assert.deepEqual(
      await tabLabels(),
      tabIds.map((id) => ar.tabs[id]),
    );
    for (const id of tabIds) assert.notEqual(ar.tabs[id], en.tabs[id], `tabs.${id} is translated into Arabic`);

    await page.reload();
    await page.getByTestId('app-header').waitFor();
    assert.deepEqual(await documentLanguage(), ['ar', 'rtl']);
    assert.equal(await page.getByTestId('language-select').inputValue(), 'ar');
    assert.deepEqual(
      await tabLabels(),
      tabIds.map((id) => ar.tabs[id]),
    );
    await waitForMap(page);
    await page.screenshot({ path: join(artifactsDir, 'web-arabic.png') });

    const ckb = locale('ckb');
    await page.getByTestId('language-select').selectOption('ckb');
    await page.waitForFunction(() => document.documentElement.lang === 'ckb');
    assert.deepEqual(await documentLanguage(), ['ckb', 'rtl']);
    assert.deepEqual(
      await tabLabels(),
      tabIds.map((id) => ckb.tabs[id]),
    );
    for (const id of tabIds) assert.notEqual(ckb.tabs[id], en.tabs[id], `tabs.${id} is translated into Kurdish`);
  });

  test('a user cleared for the tearline alone sees its summary, without the history', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const cookie = await server.signIn('coalition-viewer');
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const list = await server.request('GET', `/api/v1/incidents?since=${encodeURIComponent(since)}&limit=50`, {
      cookie,
    });
    assert.equal(list.status, 200, list.text);
    const tearlines = new Set<string>(
      list.body.items.filter((i: { tearline: unknown }) => i.tearline === true).map((i: { id: string }) => i.id),
    );
    assert.ok(tearlines.size > 0, 'the demo shows coalition-viewer some incidents by their tearline only');

    const { page } = await signedIn(t, 'coalition-viewer');
    await page.getByTestId('incident-item').first().waitFor();
    const shown = await page
      .getByTestId('incident-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    const id = shown.find((x) => x && tearlines.has(x));
    assert.ok(id, 'a tearline incident is in the list');
    await page.locator(`[data-testid="incident-item"][data-id="${id}"] .item-main`).click();

    const detail = page.locator(`[data-testid="incident-detail"][data-id="${id}"]`);
    const label = detail.getByTestId('releasability-label');
    await label.waitFor();
    assert.equal((await label.textContent())?.trim(), locale('en').detail.tearlineOnly);
    assert.equal(await detail.getByTestId('incident-history').count(), 0);
    assert.equal(await detail.getByTestId('grading').count(), 0);
  });

  test('a burst of reports (an import) reaches a partner whole: every record in the list and on the map', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const { page } = await signedIn(t, 'peshmerga-analyst');
    await waitForMap(page);
    const before = Number(await mapOf(page).getAttribute('data-incidents-rendered'));

    const cookie = await server.signIn('isf-reporter');
    const ids: string[] = [];
    const reports = Array.from({ length: 25 }, (_, k) =>
      server.request('POST', '/api/v1/incidents', {
        cookie,
        json: {
          type: 'sighting',
          time: new Date(Date.now() - k * 60_000).toISOString(),
          lon: kirkuk.lon + k * 0.002,
          lat: kirkuk.lat,
          releasability: 'partners',
          narrative: `Burst report ${k}`,
        },
      }),
    );
    for (const r of await Promise.all(reports)) {
      assert.equal(r.status, 201, r.text);
      ids.push(r.body.id);
    }

    for (const id of ids)
      await page.locator(`[data-testid="incident-item"][data-id="${id}"]`).waitFor({ timeout: 5_000 });
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="map"]')?.getAttribute('data-incidents-rendered')) === n,
      before + ids.length,
      { timeout: 5_000 },
    );
  });
});
