import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { toMgrs } from '../src/geo/mgrs.ts';
import { artifactsDir, browserSuite, ensureWebBuilt, launchChromium, requireBrowser } from './harness/browser.ts';
import { startDemoServer } from './harness/demo-server.ts';
import type { TestServer } from './harness/fixture.ts';
import { signedInPage } from './harness/web-page.ts';

const kirkuk = { lon: 44.39, lat: 35.47 };
const phone = { width: 390, height: 844 };

/** Every element of the incident detail that sticks out of the side panel, named by tag and text. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const panel = document.querySelector('.sidebar') as HTMLElement;
    const box = panel.getBoundingClientRect();
    const out: string[] = [];
    for (const el of document.querySelectorAll('[data-testid="incident-detail"] *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > box.right + 1 || r.left < box.left - 1)
        out.push(
          `${el.tagName} "${(el.textContent ?? '').slice(0, 30)}" ${r.left}-${r.right} outside ${box.left}-${box.right}`,
        );
    }
    if (panel.scrollWidth > panel.clientWidth + 1)
      out.push(`panel scrolls sideways: ${panel.scrollWidth} > ${panel.clientWidth}`);
    return out;
  });
}

/** Words of the casualty table and the detail's labels that are broken across lines, with their cell's text. */
async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const cells = document.querySelectorAll('[data-testid="incident-detail"] :is(.casualties th, .casualties td, dt)');
    for (const cell of cells) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const m of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(`"${m[0]}" in "${cell.textContent}"`);
        }
      }
    }
    return out;
  });
}

async function inViewport(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  });
}

describe('the incident detail and the report form in a browser', browserSuite, () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  const scope = { after: (fn: () => void | Promise<void>) => void cleanups.push(fn) };
  let server: TestServer;
  let browser: Browser;
  let duplicate = '';

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

  const signedIn = async (t: { after(fn: () => Promise<void>): void }, username: string) =>
    (await signedInPage(t, browser, server.url, username)).page;

  async function report(page: Page, narrative: string): Promise<string> {
    const form = page.getByTestId('report-form');
    await form.locator('#report-type').selectOption('ied');
    await page.getByTestId('location-mgrs').check();
    await form.locator('#report-mgrs').fill(toMgrs(kirkuk.lon, kirkuk.lat, 5));
    await form.locator('#report-narrative').fill(narrative);
    await form.locator('#report-civ-killed').fill('2');
    await form.locator('#report-reliability').selectOption('B');
    await form.locator('#report-credibility').selectOption('2');
    await form.locator('#report-releasability').selectOption('partners');
    await page.getByTestId('report-submit').click();
    const result = page.locator('[data-testid="report-result"]');
    const id = await result.getAttribute('data-id', { timeout: 5_000 });
    assert.ok(id);
    return id;
  }

  test('after "Report saved" the form is empty and the confirmation is in view', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const page = await signedIn(t, 'isf-reporter');
    await page.getByTestId('tab-report').click();
    const first = await report(page, 'First sighting of a device at the market');
    assert.ok(await inViewport(page, 'report-result'), 'the confirmation is where the user looks');
    const form = page.getByTestId('report-form');
    assert.equal(await form.locator('#report-type').inputValue(), '');
    assert.equal(await page.getByTestId('location-map').isChecked(), true, 'the location mode starts afresh');
    assert.equal(await form.locator('#report-narrative').inputValue(), '');
    assert.equal(await form.locator('#report-civ-killed').inputValue(), '0');
    assert.equal(await form.locator('#report-reliability').inputValue(), '');
    assert.equal(await form.locator('#report-releasability').inputValue(), '');
    await page.getByTestId('location-mgrs').check();
    assert.equal(await form.locator('#report-mgrs').inputValue(), '', 'the MGRS reference was reset too');
    await page.screenshot({ path: join(artifactsDir, 'web-report-saved.png') });
    duplicate = await report(page, 'The same device reported again');
    assert.notEqual(duplicate, first);
  });

  test('an analyst marks a report a duplicate of the suspected one; the history shows the new version at once', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    assert.ok(duplicate, 'the report test ran first');
    const page = await signedIn(t, 'isf-analyst');
    const own = await page.evaluate(async (id) => (await fetch(`/api/v1/incidents/${id}`)).json(), duplicate);
    const suspected = (own as { suspected_duplicate_of: string | null }).suspected_duplicate_of;
    assert.ok(suspected, 'the server suspects the second report repeats the first');
    await page.locator(`[data-testid="incident-item"][data-id="${duplicate}"]`).click();
    const detail = page.getByTestId('incident-detail');
    await detail.getByTestId('verify-form').waitFor();
    assert.equal(await page.getByTestId('verify-status').inputValue(), 'duplicate');
    assert.equal(await page.getByTestId('verify-duplicate-of').inputValue(), suspected);
    await page.getByTestId('verify-form').locator('textarea').fill('Same device, same place, same hour');
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verification').filter({ hasText: 'Duplicate' }).waitFor({ timeout: 5_000 });
    await page.getByTestId('incident-history').locator(':scope > li').nth(1).waitFor({ timeout: 2_000 });
    assert.match((await page.getByTestId('incident-history').textContent()) ?? '', /Version 2/);
    const after = await page.evaluate(async (id) => (await fetch(`/api/v1/incidents/${id}`)).json(), duplicate);
    assert.equal((after as { verification: string }).verification, 'duplicate');
    assert.equal((after as { duplicate_of: string }).duplicate_of, suspected);
    assert.deepEqual(await overflowing(page), []);
    await page.screenshot({ path: join(artifactsDir, 'web-detail-verified-en.png') });
  });

  for (const lang of ['en', 'ar', 'ckb']) {
    for (const size of [{ width: 1280, height: 800 }, phone]) {
      test(`${lang} at ${size.width}×${size.height}: the detail fits its panel and the signed-in user shows`, async (t) => {
        const why = requireBrowser();
        if (why) return t.skip(why);
        assert.ok(duplicate, 'the report test ran first');
        const page = await signedIn(t, 'isf-analyst');
        await page.setViewportSize(size);
        await page.getByTestId('language-select').selectOption(lang);
        const user = page.getByTestId('current-user');
        assert.ok(await user.isVisible(), 'who is signed in shows');
        assert.match((await user.textContent()) ?? '', /isf-analyst/);
        assert.ok(await inViewport(page, 'current-user'), 'the user name is inside the screen');
        await page.locator(`[data-testid="incident-item"][data-id="${duplicate}"]`).click();
        await page.getByTestId('incident-history').locator(':scope > li').nth(1).waitFor({ timeout: 5_000 });
        assert.deepEqual(await overflowing(page), []);
        assert.deepEqual(await brokenWords(page), [], 'no word is split across lines');
        const area = (await page.getByTestId('incident-area').textContent()) ?? '';
        if (lang === 'en') assert.equal(area, 'Kirkuk, Kirkuk');
        else assert.equal(area, 'كركوك، كركوك', `${lang}: the district and governorate in Arabic script`);
        const time = (await page.getByTestId('incident-time').textContent()) ?? '';
        if (lang === 'en') assert.match(time, /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
        else {
          assert.doesNotMatch(time, /[A-Za-z0-9]/, `${lang} time "${time}" has no Latin letters or digits`);
          assert.match(time, /[٠-٩]{2}:[٠-٩]{2}/, `${lang} time "${time}" has a 24-hour clock in Arabic-Indic digits`);
          const counts = (await page.locator('[data-testid="incident-detail"] .casualties td').allTextContents()).join(
            ' ',
          );
          assert.doesNotMatch(counts, /[0-9]/, `${lang} casualty counts "${counts}" are in the page's digits`);
        }
        await page.screenshot({ path: join(artifactsDir, `web-detail-${lang}-${size.width}.png`), fullPage: true });
      });
    }
  }
  for (const lang of ['ar', 'ckb']) {
    test(`${lang}: the report's date and time read in the page's language and send the chosen moment`, async (t) => {
      const why = requireBrowser();
      if (why) return t.skip(why);
      const page = await signedIn(t, 'isf-reporter');
      await page.setViewportSize(phone);
      await page.getByTestId('language-select').selectOption(lang);
      await page.getByTestId('tab-report').click();
      const when = page.getByTestId('report-time');
      const text = (await when.textContent()) ?? '';
      assert.doesNotMatch(text, /[0-9]|AM|PM/, `no Latin digits nor AM/PM: ${text.slice(0, 60)}`);
      assert.match(text, /[٠-٩]/, 'Arabic-Indic digits');
      const year = new Date().getFullYear() - 1;
      await page.getByTestId('report-time-year').selectOption(String(year));
      await page.getByTestId('report-time-month').selectOption('3');
      await page.getByTestId('report-time-day').selectOption('15');
      await page.getByTestId('report-time-hour').selectOption('14');
      await page.getByTestId('report-time-minute').selectOption('5');
      const monthText = await page.getByTestId('report-time-month').locator('option:checked').textContent();
      assert.doesNotMatch(monthText ?? '', /[A-Za-z0-9]/, `the month is named in ${lang}: ${monthText}`);
      await page.screenshot({ path: join(artifactsDir, `web-report-time-${lang}-390.png`) });
      const form = page.getByTestId('report-form');
      await form.locator('#report-type').selectOption('armed_clash');
      await page.getByTestId('location-mgrs').check();
      await form.locator('#report-mgrs').fill(toMgrs(kirkuk.lon, kirkuk.lat, 5));
      await page.getByTestId('report-submit').click();
      const id = await page.getByTestId('report-result').getAttribute('data-id', { timeout: 5_000 });
      const expected = await page.evaluate((y) => new Date(y, 2, 15, 14, 5).toISOString(), year);
      const saved = await page.evaluate(async (i) => (await fetch(`/api/v1/incidents/${i}`)).json(), id);
      assert.equal(Date.parse((saved as { time: string }).time), Date.parse(expected));
    });
  }
});
