import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { artifactsDir, browserSuite, ensureWebBuilt, launchChromium, requireBrowser } from './harness/browser.ts';
import { startDemoServer } from './harness/demo-server.ts';
import type { TestServer } from './harness/fixture.ts';
import { pageFetch, signedInPage } from './harness/web-page.ts';

const phone = { width: 390, height: 844 };

/** Every element of the side panel that sticks out of the screen sideways. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll('.sidebar *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > width + 1 || r.left < -1)
        out.push(`${el.tagName} "${(el.textContent ?? '').slice(0, 30)}" ${r.left}-${r.right} outside 0-${width}`);
    }
    return out;
  });
}

/** The ids and states of the reports the list shows, in its order. */
async function listed(page: Page): Promise<Array<{ id: string; state: string }>> {
  return page
    .getByTestId('sitrep-item')
    .evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-id') ?? '', state: e.getAttribute('data-state') ?? '' })),
    );
}

describe('situation reports in a browser', browserSuite, () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  const scope = { after: (fn: () => void | Promise<void>) => void cleanups.push(fn) };
  let server: TestServer;
  let browser: Browser;
  let released = '';

  before(async () => {
    if (requireBrowser()) return;
    ensureWebBuilt();
    mkdirSync(artifactsDir, { recursive: true });
    server = (await startDemoServer(scope, {}, { week: false })).server;
    browser = await launchChromium(scope);
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  test("an analyst drafts, edits and releases a report; a partner's user sees it appear live", async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    // A Peshmerga viewer has the list open before the report exists: it arrives by the live stream alone.
    const partner = (await signedInPage(t, browser, server.url, 'peshmerga-viewer')).page;
    await partner.getByTestId('tab-reports').click();
    await partner.getByTestId('reports-panel').waitFor();
    await partner.getByTestId('sitreps-empty').waitFor();
    assert.equal(await partner.getByTestId('sitrep-new').count(), 0, 'a viewer may not draft');

    const page = (await signedInPage(t, browser, server.url, 'isf-analyst')).page;
    await page.getByTestId('tab-reports').click();
    await page.getByTestId('sitreps-empty').waitFor();
    await page.getByTestId('sitrep-new').click();
    // Refused without a JCC, saying so, and nothing is sent.
    await page.getByTestId('sitrep-draft-submit').click();
    assert.match((await page.getByTestId('sitrep-draft-error').textContent()) ?? '', /Choose the JCC/);
    await page.getByTestId('sitrep-draft-jcc').selectOption({ index: 1 });
    await page.getByTestId('sitrep-audience-partners').check();
    await page.getByTestId('sitrep-draft-submit').click();

    const detail = page.getByTestId('sitrep-detail');
    await detail.waitFor({ timeout: 30_000 });
    const id = (await detail.getAttribute('data-id')) ?? '';
    assert.ok(id, 'the new draft opens');
    assert.equal(await detail.getAttribute('data-state'), 'draft');
    assert.match((await page.getByTestId('sitrep-audience').textContent()) ?? '', /^Partners of the JCC$/);

    // The preview is the server's rendering, in a frame where nothing runs, in the page's language.
    const frame = page.getByTestId('sitrep-preview');
    assert.equal(await frame.getAttribute('sandbox'), '');
    assert.equal(await frame.getAttribute('src'), `/api/v1/sitreps/${id}/report?format=html&lang=en`);
    assert.equal(
      await page.getByTestId('sitrep-open').getAttribute('href'),
      `/api/v1/sitreps/${id}/report?format=html&lang=en`,
    );
    const heading = page.frameLocator('[data-testid="sitrep-preview"]').locator('h1').first();
    await heading.waitFor({ timeout: 30_000 });
    // The first report of the JCC's series.
    assert.match((await heading.textContent()) ?? '', /^Situation report — JCC .+ — No\. 1$/);
    for (const [format, name] of [
      ['pdf', 'PDF'],
      ['html', 'HTML'],
      ['md', 'Markdown'],
    ] as const) {
      const link = page.getByTestId(`sitrep-download-${format}`);
      assert.equal(await link.textContent(), name);
      assert.equal(await link.getAttribute('href'), `/api/v1/sitreps/${id}/report?format=${format}&lang=en&download=1`);
      assert.notEqual(await link.getAttribute('download'), null);
    }
    // The language chosen for the files changes where they point.
    await page.getByTestId('sitrep-language').selectOption('ckb');
    assert.equal(
      await page.getByTestId('sitrep-download-md').getAttribute('href'),
      `/api/v1/sitreps/${id}/report?format=md&lang=ckb&download=1`,
    );
    await page.getByTestId('sitrep-language').selectOption('en');
    const md = await pageFetch(page, `/api/v1/sitreps/${id}/report?format=md&lang=en&download=1`);
    assert.equal(md.status, 200, 'the Markdown file downloads');

    // The assessment is saved against its version; a stale version is refused with the server's words.
    const version = Number((await page.getByTestId('sitrep-version').textContent())?.match(/\d+/)?.[0]);
    await page.getByTestId('sitrep-assessment').fill('Activity along the line stayed low; two IEDs near Makhmour.');
    await page.getByTestId('sitrep-intentions').fill('Joint patrols continue on the Makhmour road.');
    await page.getByTestId('sitrep-save').click();
    await page.getByTestId('sitrep-saved').waitFor();
    const saved = Number((await page.getByTestId('sitrep-version').textContent())?.match(/\d+/)?.[0]);
    assert.ok(saved > version, `saving makes a new version (${version} → ${saved})`);
    // A colleague changes the intentions meanwhile: saving words typed on the older version is refused, in the
    // server's words, and nothing is overwritten.
    const assessment = 'Activity along the line stayed low; two IEDs near Makhmour.';
    await page.getByTestId('sitrep-assessment').fill('Words typed on the old version');
    const colleague = await page.evaluate(
      async ({ id, version }) => {
        const me = await (await fetch('/api/v1/auth/me')).json();
        const r = await fetch(`/api/v1/sitreps/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
          body: JSON.stringify({ intentions: 'Changed by a colleague', version }),
        });
        return r.status;
      },
      { id, version: saved },
    );
    assert.equal(colleague, 200);
    await page.getByTestId('sitrep-save').click();
    const refused = (await page.getByTestId('sitrep-text-error').textContent()) ?? '';
    assert.match(refused, new RegExp(`is at version ${saved + 1}, not ${saved}: reload it`), refused);
    assert.match(refused, /open the report again/);
    assert.equal(await page.getByTestId('sitrep-unsaved').count(), 1, 'not released without its words');
    assert.ok(await page.getByTestId('sitrep-release').isDisabled());
    // Once the typed words are given up, the colleague's version is shown.
    await page.getByTestId('sitrep-assessment').fill(assessment);
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="sitrep-intentions"]') as HTMLTextAreaElement | null)?.value ===
        'Changed by a colleague',
    );

    // Refreshing the figures makes a new version, which the form takes in.
    await page.getByTestId('sitrep-refresh').click();
    await page.waitForFunction(
      (v) => Number(document.querySelector('[data-testid="sitrep-version"]')?.textContent?.match(/\d+/)?.[0]) > v,
      saved + 1,
    );
    await page.getByTestId('sitrep-release').click();
    assert.match(
      (await page.getByRole('alertdialog').textContent()) ?? '',
      /A released report can no longer change/,
      'releasing asks first',
    );
    await page.getByTestId('sitrep-release-confirm').click();
    await page.locator('[data-testid="sitrep-detail"][data-state="released"]').waitFor();
    await page.getByTestId('sitrep-released-at').waitFor();
    assert.equal(await page.getByTestId('sitrep-text-form').count(), 0, 'a released report is not edited');
    assert.equal(await page.getByTestId('sitrep-release').count(), 0);
    await page.getByTestId('sitrep-correct').waitFor();
    await page.getByTestId('sitrep-back').click();
    await page.locator(`[data-testid="sitrep-item"][data-id="${id}"][data-state="released"]`).waitFor();
    await page.getByTestId('sitrep-filter-state').selectOption('draft');
    await page.getByTestId('sitreps-empty').waitFor();
    await page.getByTestId('sitrep-filter-state').selectOption('released');
    assert.deepEqual(await listed(page), [{ id, state: 'released' }]);

    // The partner's list shows the released report without a reload.
    await partner
      .locator(`[data-testid="sitrep-item"][data-id="${id}"][data-state="released"]`)
      .waitFor({ timeout: 20_000 });
    await partner.locator(`[data-testid="sitrep-item"][data-id="${id}"]`).click();
    await partner.getByTestId('sitrep-detail').waitFor();
    assert.equal(await partner.getByTestId('sitrep-actions').count(), 0, 'a viewer neither releases nor corrects');
    const partnerFrame = partner.frameLocator('[data-testid="sitrep-preview"]');
    await partnerFrame.locator('h1').first().waitFor({ timeout: 30_000 });
    assert.match(
      (await partnerFrame.locator('body').textContent()) ?? '',
      /two IEDs near Makhmour/,
      'the words as released',
    );
    await page.screenshot({ path: join(artifactsDir, 'web-reports-en.png'), fullPage: true });
    await partner.getByTestId('sitrep-preview').screenshot({ path: join(artifactsDir, 'web-reports-preview-en.png') });
    // The released report's PDF, as its link downloads it.
    const pdf = await partner.evaluate(
      async (href) => {
        const r = await fetch(href);
        const head = new Uint8Array(await r.arrayBuffer()).slice(0, 5);
        return {
          status: r.status,
          head: String.fromCharCode(...head),
          disposition: r.headers.get('content-disposition'),
        };
      },
      (await partner.getByTestId('sitrep-download-pdf').getAttribute('href')) ?? '',
    );
    assert.equal(pdf.status, 200);
    assert.equal(pdf.head, '%PDF-');
    assert.match(pdf.disposition ?? '', /^attachment; filename="sitrep-.+-1-en\.pdf"$/);
    released = id;
  });

  test('an analyst corrects a released report; a colleague of the same organisation sees the draft appear live', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    assert.ok(released, 'the release test ran first');
    const colleague = (await signedInPage(t, browser, server.url, 'isf-viewer')).page;
    await colleague.getByTestId('tab-reports').click();
    await colleague.locator(`[data-testid="sitrep-item"][data-id="${released}"]`).waitFor();

    const page = (await signedInPage(t, browser, server.url, 'isf-analyst')).page;
    await page.getByTestId('tab-reports').click();
    await page.locator(`[data-testid="sitrep-item"][data-id="${released}"]`).click();
    await page.getByTestId('sitrep-correct').click();
    // A correction says what it corrects.
    await page.getByTestId('sitrep-correct-confirm').click();
    assert.match(
      (await page.getByTestId('sitrep-action-error').textContent()) ?? '',
      /Say what the correction corrects/,
    );
    await page.getByTestId('sitrep-correction-note').fill('Two IEDs, not three, near Makhmour');
    await page.getByTestId('sitrep-correct-confirm').click();
    const correction = page.locator('[data-testid="sitrep-detail"][data-state="draft"]');
    await correction.waitFor();
    const id = (await correction.getAttribute('data-id')) ?? '';
    assert.notEqual(id, released);
    assert.equal(
      await page.getByTestId('sitrep-correction-note-shown').textContent(),
      'Two IEDs, not three, near Makhmour',
    );
    await page.getByTestId('sitrep-back').click();
    assert.deepEqual(await listed(page), [
      { id, state: 'draft' },
      { id: released, state: 'released' },
    ]);

    // The draft is its organisation's: a colleague sees it arrive without a reload, marked as a correction.
    const item = colleague.locator(`[data-testid="sitrep-item"][data-id="${id}"][data-state="draft"]`);
    await item.waitFor({ timeout: 20_000 });
    assert.match((await item.textContent()) ?? '', /Correction/);
    // Filtered by JCC and state.
    await colleague.getByTestId('sitrep-filter-state').selectOption('released');
    assert.deepEqual(await listed(colleague), [{ id: released, state: 'released' }]);
    const jccs = await colleague
      .getByTestId('sitrep-filter-jcc')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    const own = await page.evaluate(
      async (rid) => (await (await fetch(`/api/v1/sitreps/${rid}`)).json()).jcc as string,
      released,
    );
    const other = jccs.find((j) => j !== own);
    assert.ok(other, 'the demo has more than one JCC');
    await colleague.getByTestId('sitrep-filter-jcc').selectOption(other);
    await colleague.getByTestId('sitreps-empty').waitFor();
    await colleague.getByTestId('sitrep-filter-jcc').selectOption(own);
    await colleague.getByTestId('sitrep-filter-state').selectOption('');
    assert.deepEqual(await listed(colleague), [
      { id, state: 'draft' },
      { id: released, state: 'released' },
    ]);
  });

  test('in Arabic the panel reads right to left, in Arabic, with its files in Arabic', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    assert.ok(released, 'the release test ran first');
    const { page } = await signedInPage(t, browser, server.url, 'peshmerga-viewer', { viewport: phone });
    await page.getByTestId('language-select').selectOption('ar');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await page.getByTestId('tab-reports').click();
    assert.equal(await page.getByTestId('tab-reports').textContent(), 'تقارير الموقف');
    const panel = page.getByTestId('reports-panel');
    await panel.waitFor();
    assert.equal(await panel.evaluate((el) => getComputedStyle(el).direction), 'rtl');
    const item = page.locator(`[data-testid="sitrep-item"][data-id="${released}"]`);
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    assert.match(text, /تقرير الموقف/);
    assert.match(text, /صادر/);
    assert.match(text, /[٠-٩]/, `"${text}" writes its numbers and dates in Arabic digits`);
    assert.doesNotMatch(text, /[0-9]/, `"${text}" has no Latin digits`);
    assert.deepEqual(await overflowing(page), []);
    await page.screenshot({ path: join(artifactsDir, 'web-reports-list-ar.png'), fullPage: true });
    await item.click();
    await page.getByTestId('sitrep-detail').waitFor();
    assert.equal(
      await page.getByTestId('sitrep-preview').getAttribute('src'),
      `/api/v1/sitreps/${released}/report?format=html&lang=ar`,
    );
    assert.equal(
      await page.getByTestId('sitrep-download-pdf').getAttribute('href'),
      `/api/v1/sitreps/${released}/report?format=pdf&lang=ar&download=1`,
    );
    const frameDir = await page
      .frameLocator('[data-testid="sitrep-preview"]')
      .locator('html')
      .evaluate((el) => getComputedStyle(el).direction);
    assert.equal(frameDir, 'rtl', 'the Arabic report reads right to left');
    assert.deepEqual(await overflowing(page), []);
    await page.screenshot({ path: join(artifactsDir, 'web-reports-detail-ar.png'), fullPage: true });
  });
});
