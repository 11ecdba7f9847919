import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { readCsv } from '../src/io/csv.ts';
import type { Store } from '../src/store/store.ts';
import {
  artifactsDir,
  browserSuite,
  ensureWebBuilt,
  launchChromium,
  requireBrowser,
  webRoot,
} from './harness/browser.ts';
import { createFixture, startServer, type TestServer } from './harness/fixture.ts';
import { kirkukIed } from './harness/http-client.ts';
import { signedInPage } from './harness/web-page.ts';

describe('export, users and the audit in the web app', browserSuite, () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  const scope = { after: (fn: () => void | Promise<void>) => void cleanups.push(fn) };
  let server: TestServer;
  let store: Store;
  let browser: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    if (requireBrowser()) return;
    ensureWebBuilt();
    mkdirSync(artifactsDir, { recursive: true });
    ({ store } = await createFixture(scope));
    server = await startServer(scope, store, { webRoot });
    browser = await launchChromium(scope);
    const isf = await server.signIn('isf-reporter');
    const report = async (extra: Record<string, unknown>) => {
      const r = await server.request('POST', '/api/v1/incidents', {
        cookie: isf,
        json: { ...kirkukIed(), time: new Date(Date.now() - 3_600_000).toISOString(), ...extra },
      });
      assert.equal(r.status, 201, r.text);
      return r.body.id as string;
    };
    ids.isfOrg = await report({ releasability: 'org', narrative: 'owner only' });
    ids.isfPartners = await report({ releasability: 'partners', type: 'sighting' });
    ids.isfPartnersIed = await report({ releasability: 'partners' });
    ids.isfTearline = await report({
      releasability: 'org',
      tearline: { releasability: 'coalition', summary: 'IED near Kirkuk' },
    });
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  const signedIn = async (
    t: { after(fn: () => Promise<void>): void },
    username: string,
    options: { password?: string; viewport?: { width: number; height: number } } = {},
  ) => (await signedInPage(t, browser, server.url, username, options)).page;

  async function download(page: Page, testId: string): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    return readFileSync(await file.path(), 'utf8');
  }

  test("a partner's export holds what the partner may see whole, for the list's filters", async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const page = await signedIn(t, 'peshmerga-viewer');
    const items = page.getByTestId('incident-item');
    await items.nth(2).waitFor();
    // The list shows the tearline of the owner-only incident...
    assert.equal(await page.locator(`[data-id="${ids.isfTearline}"].tearline`).count(), 1);
    assert.equal(await page.locator(`[data-id="${ids.isfOrg}"]`).count(), 0);

    // ...the export holds whole records only: no owner-only incident, no tearline.
    const geojson = JSON.parse(await download(page, 'export-geojson')) as {
      features: { properties: { id: string } }[];
    };
    assert.deepEqual(geojson.features.map((f) => f.properties.id).sort(), [ids.isfPartners, ids.isfPartnersIed].sort());
    const kml = await download(page, 'export-kml');
    assert.match(kml, /^<\?xml/);
    const kmlIds = [...kml.matchAll(/<Data name="id"><value>([^<]+)<\/value><\/Data>/g)].map((m) => m[1]);
    assert.deepEqual(kmlIds.sort(), [ids.isfPartners, ids.isfPartnersIed].sort());
    assert.ok(!kml.includes(ids.isfTearline), 'the tearline-only id is not in the export');
    assert.ok(!kml.includes('IED near Kirkuk'), 'no tearline text in the export');

    await page.getByTestId('incident-type-filter').selectOption('sighting');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="incident-item"]').length === 1);
    const rows = [...readCsv(await download(page, 'export-csv'))].map((r) => r.fields);
    const col = rows[0].indexOf('event_id_cnty');
    assert.deepEqual(
      rows.slice(1).map((r) => r[col]),
      [ids.isfPartners],
    );
    await page.screenshot({ path: join(artifactsDir, 'web-export.png') });
  });

  test('only administrators see the admin tab', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const page = await signedIn(t, 'isf-analyst');
    await page.getByTestId('tab-incidents').waitFor();
    assert.equal(await page.getByTestId('tab-admin').count(), 0);
  });

  test('an administrator creates a user who then signs in; the audit shows it, filtered, and the chain holds', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const page = await signedIn(t, 'isf-admin');
    await page.getByTestId('tab-admin').click();
    const form = page.getByTestId('new-user-form');
    await form.waitFor();
    await page.getByTestId('new-username').fill('Bad Name');
    await page.getByTestId('new-password').fill('north-gate-shift-27');
    await page.getByTestId('create-user').click();
    await page.getByTestId('new-user-result').filter({ hasText: 'username' }).waitFor();

    await page.getByTestId('new-username').fill('field-officer');
    await page.getByTestId('new-password').fill('north-gate-shift-27');
    await form.locator('input[value="reporter"]').check();
    await form.locator('input[value="viewer"]').uncheck();
    await page.getByTestId('create-user').click();
    await page.getByTestId('new-user-result').filter({ hasText: 'field-officer' }).waitFor();
    const row = page.locator('[data-testid="user-row"][data-username="field-officer"]');
    await row.waitFor();
    assert.equal(await row.locator('input[value="reporter"]').isChecked(), true);

    const officer = await signedIn(t, 'field-officer', { password: 'north-gate-shift-27' });
    await officer.getByTestId('tab-report').click();
    assert.equal(await officer.getByTestId('tab-admin').count(), 0);

    // Disabled, the new user can no longer sign in; enabled again, they can.
    await row.getByTestId('toggle-disabled').click();
    await row.locator('.badge').waitFor();
    const refused = await server.request('POST', '/api/v1/auth/login', {
      json: { username: 'field-officer', password: 'north-gate-shift-27' },
    });
    assert.equal(refused.status, 401);
    await row.getByTestId('toggle-disabled').click();
    await row.locator('.badge').waitFor({ state: 'detached' });
    await page.screenshot({ path: join(artifactsDir, 'web-admin-users.png') });

    await page.getByTestId('admin-audit').click();
    await page.getByTestId('audit-action').fill('user.create');
    await page.getByTestId('audit-user').fill('isf-admin');
    await page.getByTestId('audit-filters').locator('button[type="submit"]').click();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="audit-entry"]')].every(
          (e) => (e as HTMLElement).dataset.action === 'user.create',
        ) && document.querySelectorAll('[data-testid="audit-entry"]').length === 1,
    );
    await page.getByTestId('verify-chain').click();
    const result = page.getByTestId('chain-result');
    await result.waitFor();
    assert.match(await result.innerText(), /holds/);
    await page.screenshot({ path: join(artifactsDir, 'web-admin-audit.png') });
  });

  test('the admin panel in Arabic, Sorani and on a phone', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    for (const lang of ['ar', 'ckb', 'en'] as const) {
      const phone = lang === 'en';
      const page = await signedIn(t, 'isf-admin', phone ? { viewport: { width: 390, height: 844 } } : {});
      if (!phone) {
        await page.getByTestId('language-select').selectOption(lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      await page.getByTestId('tab-admin').click();
      await page.getByTestId('user-row').first().waitFor();
      const name = phone ? 'phone' : lang;
      if (phone) await page.getByTestId('user-row').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifactsDir, `web-admin-users-${name}.png`) });
      await page.getByTestId('admin-audit').click();
      await page.getByTestId('verify-chain').click();
      await page.getByTestId('chain-result').waitFor();
      await page.getByTestId('audit-entry').first().waitFor();
      if (phone) await page.getByTestId('chain-result').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifactsDir, `web-admin-audit-${name}.png`) });
    }
  });
});
