import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SupportRequest } from '../src/domain/support-request.ts';
import { toMgrs } from '../src/geo/mgrs.ts';
import { newId } from '../src/store/ids.ts';
import { artifactsDir, browserSuite, ensureWebBuilt, launchChromium, requireBrowser } from './harness/browser.ts';
import { startDemoServer } from './harness/demo-server.ts';
import type { TestServer } from './harness/fixture.ts';
import { signedInPage, visibleLayers } from './harness/web-page.ts';

const makhmour = { lon: 43.58, lat: 35.78 };
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

/** Every element of the side panel (and the open alerts list) that sticks out of the screen sideways. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll('.sidebar *, [data-testid="alerts-list"] *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > width + 1 || r.left < -1)
        out.push(`${el.tagName} "${(el.textContent ?? '').slice(0, 30)}" ${r.left}-${r.right} outside 0-${width}`);
    }
    return out;
  });
}

describe('support requests and alerts in a browser', browserSuite, () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  const scope = { after: (fn: () => void | Promise<void>) => void cleanups.push(fn) };
  let server: TestServer;
  let browser: Browser;
  let requestId = '';
  const overdueId = newId();

  before(async () => {
    if (requireBrowser()) return;
    ensureWebBuilt();
    mkdirSync(artifactsDir, { recursive: true });
    const demo = await startDemoServer(scope, {}, { week: false });
    server = demo.server;
    // An ISF request for EOD that Peshmerga left unanswered two hours ago: overdue by 1 h 45 min.
    const created = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const stale: SupportRequest = {
      id: overdueId,
      kind: 'eod',
      requesterOrg: 'isf',
      addressedOrg: 'peshmerga',
      addressedJcc: null,
      priority: 'urgent',
      respondBy: new Date(Date.parse(created) + 15 * 60_000).toISOString(),
      lon: 44.2,
      lat: 35.6,
      neededAt: created,
      neededUntil: null,
      details: 'Unexploded mortar round by the road',
      medevac: null,
      linkedIncident: null,
      releasability: { scope: 'org' },
      state: 'requested',
      responderOrg: null,
      declineReason: null,
      question: null,
      answer: null,
      assignedUnit: null,
      cancelReason: null,
      acceptedAt: null,
      completedAt: null,
      escalatedAt: null,
      createdAt: created,
      updatedAt: created,
      version: 1,
    };
    await demo.store.write(null, (tx) => tx.supportRequests.insert(stale));
    browser = await launchChromium(scope);
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  test('Peshmerga asks ISF for MEDEVAC; the ISF liaison sees it live and accepts; the requester sees it without reloading', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const isf = (await signedInPage(t, browser, server.url, 'isf-liaison')).page;
    await isf.getByTestId('tab-requests').click();
    await isf.locator(`[data-testid="request-item"][data-id="${overdueId}"]`).waitFor();
    assert.deepEqual(
      await isf.locator(`[data-testid="request-item"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))),
      [overdueId],
    );

    const pesh = (await signedInPage(t, browser, server.url, 'peshmerga-liaison')).page;
    await pesh.getByTestId('tab-requests').click();
    // The unanswered request waits first on the addressee's board, flagged, with how long it is overdue.
    const first = pesh.getByTestId('request-item').first();
    await first.waitFor();
    assert.equal(await first.getAttribute('data-id'), overdueId);
    assert.equal(await first.getAttribute('data-overdue'), 'true');
    assert.match((await first.textContent()) ?? '', /Overdue.*Overdue by 1 h 4[45] min/s);
    assert.match((await pesh.getByTestId('requests-overdue').textContent()) ?? '', /^1 overdue/);
    await pesh.getByTestId('request-new').click();
    const form = pesh.getByTestId('request-form');
    // Refused without a kind or an addressee, naming both, and nothing is sent.
    await pesh.getByTestId('request-submit').click();
    assert.equal(await form.locator('#report-kind-error').count(), 1, 'the missing kind is named');
    assert.equal(await form.locator('#report-addressed_org-error').count(), 1, 'the missing addressee is named');

    await pesh.getByTestId('request-kind').selectOption('medevac');
    await pesh.getByTestId('request-to').selectOption('org:isf');
    await pesh.getByTestId('request-priority').selectOption('urgent');
    await pesh.getByTestId('request-location-mgrs').check();
    await pesh.getByTestId('request-mgrs').fill(toMgrs(makhmour.lon, makhmour.lat, 5));
    await form.locator('#medevac-frequency').fill('41.250 MHz');
    await form.locator('#medevac-call-sign').fill('ZERAVANI 6');
    await form.locator('#medevac-precedence-urgent').fill('2');
    await form.locator('#medevac-litter').fill('1');
    await form.locator('#medevac-ambulatory').fill('1');
    await form.locator('#medevac-status-own_military').fill('2');
    await form.locator('#request-details').fill('Two wounded after an IED strike on the Makhmour road');
    // The server's check of the 9-line is shown at its field: the status line does not add up yet.
    await form.locator('#medevac-status-own_military').fill('1');
    await pesh.getByTestId('request-submit').click();
    await pesh.getByTestId('request-error').waitFor();
    assert.match((await form.locator('#report-medevac-error').textContent()) ?? '', /patients_by_status/);
    await form.locator('#medevac-status-own_military').fill('2');
    await pesh.getByTestId('request-submit').click();

    const mine = pesh.getByTestId('request-detail');
    await mine.waitFor();
    requestId = (await mine.getAttribute('data-id')) ?? '';
    assert.ok(requestId, 'the new request opens');
    assert.equal(await mine.getAttribute('data-state'), 'requested');
    assert.match((await pesh.getByTestId('request-deadline').textContent()) ?? '', /left to answer/);
    assert.match((await pesh.getByTestId('medevac-lines').textContent()) ?? '', /ZERAVANI 6/);
    assert.deepEqual(
      await pesh.getByTestId('request-steps').locator('button').allTextContents(),
      ['Cancel request'],
      'the requester may only cancel',
    );

    // The ISF liaison's board shows it without a reload, with its deadline, under "Requested".
    const item = isf.locator(`[data-testid="request-item"][data-id="${requestId}"]`);
    await item.waitFor({ timeout: 10_000 });
    assert.equal(await item.getAttribute('data-state'), 'requested');
    assert.match((await item.textContent()) ?? '', /MEDEVAC.*Peshmerga.*Iraqi Security Forces.*left to answer/s);
    await item.click();
    const steps = isf.getByTestId('request-steps');
    assert.deepEqual(await steps.locator('button').allTextContents(), ['Accept', 'Decline', 'Ask for information']);
    // A decline without a reason is refused before it is sent.
    await isf.getByTestId('step-decline').click();
    await isf.getByTestId('step-confirm').click();
    assert.match((await isf.getByTestId('step-error').textContent()) ?? '', /reason/);
    await isf.getByTestId('step-accept').click();
    await isf.locator('[data-testid="request-detail"][data-state="accepted"]').waitFor();
    assert.deepEqual(await steps.locator('button').allTextContents(), ['Assign a unit']);
    await isf.getByTestId('request-history').locator(':scope > li').nth(1).waitFor();

    // The requester's open detail turns to "Accepted" from the live stream.
    await pesh.locator('[data-testid="request-detail"][data-state="accepted"]').waitFor({ timeout: 10_000 });
    assert.equal(await pesh.getByTestId('request-state').textContent(), 'Accepted');
    assert.equal(await pesh.getByTestId('request-steps').locator('button').count(), 1, 'cancel is still theirs');
    await pesh.getByTestId('request-back').click();
    await pesh.locator(`[data-testid="request-group-accepted"] [data-id="${requestId}"]`).waitFor();
    // The response times now count the accepted request for ISF.
    await pesh.locator('[data-testid="response-time-row"][data-key="org:isf"]').waitFor({ timeout: 10_000 });
    await pesh.screenshot({ path: join(artifactsDir, 'web-requests-board-en.png') });
    await isf.screenshot({ path: join(artifactsDir, 'web-requests-detail-en.png') });
  });

  test('the addressee asks a question of an overdue request; the requester sees it live and answers it', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const isf = (await signedInPage(t, browser, server.url, 'isf-liaison')).page;
    await isf.getByTestId('tab-requests').click();
    await isf.locator(`[data-testid="request-item"][data-id="${overdueId}"]`).click();
    await isf.getByTestId('request-detail').waitFor();
    assert.deepEqual(await isf.getByTestId('request-steps').locator('button').allTextContents(), ['Cancel request']);

    const pesh = (await signedInPage(t, browser, server.url, 'peshmerga-liaison')).page;
    await pesh.getByTestId('tab-requests').click();
    await pesh.locator(`[data-testid="request-item"][data-id="${overdueId}"]`).click();
    await pesh.getByTestId('step-needs_information').click();
    await pesh.getByTestId('step-text').fill('Which side of the road, and is it cordoned?');
    await pesh.getByTestId('step-confirm').click();
    await pesh.locator('[data-testid="request-detail"][data-state="needs_information"]').waitFor();

    await isf.locator('[data-testid="request-detail"][data-state="needs_information"]').waitFor({ timeout: 10_000 });
    assert.equal(
      await isf.getByTestId('request-question').textContent(),
      'Which side of the road, and is it cordoned?',
    );
    assert.deepEqual(await isf.getByTestId('request-steps').locator('button').allTextContents(), [
      'Answer',
      'Cancel request',
    ]);
    await isf.getByTestId('step-answer').click();
    await isf.getByTestId('step-text').fill('North side, cordoned by a patrol');
    await isf.getByTestId('step-confirm').click();
    await isf.locator('[data-testid="request-detail"][data-state="requested"]').waitFor();
    await pesh.locator('[data-testid="request-detail"][data-state="requested"]').waitFor({ timeout: 10_000 });
    assert.match((await pesh.getByTestId('request-detail').textContent()) ?? '', /North side, cordoned by a patrol/);
    // Still waiting past its deadline: still flagged overdue.
    assert.equal(await pesh.getByTestId('request-detail').locator('.overdue-flag').count(), 1);
  });

  test('requests are a map layer the reader can switch off; a click on one opens it', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    assert.ok(requestId, 'the request test ran first');
    const { page } = await signedInPage(t, browser, server.url, 'isf-liaison');
    const map = page.getByTestId('map');
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.requests) >= 1,
    );
    assert.ok((await visibleLayers(page)).includes('request-points'), 'the layer shows by default');
    // A viewer of another organisation is not shown the request: the layer draws only what the reader may see.
    const other = (await signedInPage(t, browser, server.url, 'coalition-liaison')).page;
    await other.getByTestId('map').waitFor();
    await other.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.requests === '0',
    );

    await page.getByTestId('tab-requests').click();
    await page.locator(`[data-testid="request-item"][data-id="${requestId}"]`).click();
    // Marked stale first: the map's flight (which may start and end between two polls) sets it back when it rests.
    await page.evaluate(() => {
      const map = document.querySelector<HTMLElement>('[data-testid="map"]');
      if (map) map.dataset.labelsPlaced = 'stale';
    });
    await page.getByTestId('request-detail').getByRole('button', { name: 'Show on map' }).click();
    await page.getByTestId('request-back').click();
    await page.getByTestId('tab-incidents').click();
    // Once the map has flown there, the request is drawn at its centre: a click there opens it.
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.labelsPlaced === 'true',
    );
    const box = await map.locator('canvas.maplibregl-canvas').boundingBox();
    assert.ok(box);
    await map.locator('canvas.maplibregl-canvas').click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.locator(`[data-testid="request-detail"][data-id="${requestId}"]`).waitFor({ timeout: 5_000 });
    await page.screenshot({ path: join(artifactsDir, 'web-requests-map-en.png') });

    await page.getByTestId('tab-layers').click();
    assert.match((await page.getByTestId('request-legend').textContent()) ?? '', /Urgent.*Priority.*Routine/);
    await page.getByTestId('layer-requests').uncheck();
    await page.waitForFunction(
      () => !document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.layers?.includes('request-points'),
    );
  });

  test('an alert rule raises an alert that appears live in the header; marking it read clears the count', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const analyst = await server.signIn('peshmerga-analyst');
    const presence = await server.request('GET', '/api/v1/presence?org=peshmerga&kind=checkpoint', {
      cookie: analyst,
    });
    assert.equal(presence.status, 200, presence.text);
    const now = Date.now();
    const checkpoint = presence.body.items.find(
      (p: { active_from: string; active_to: string | null }) =>
        Date.parse(p.active_from) < now && (p.active_to === null || Date.parse(p.active_to) > now),
    );
    assert.ok(checkpoint, 'the demo has an active Peshmerga checkpoint');
    const rule = await server.request('POST', '/api/v1/alert-rules', {
      cookie: analyst,
      json: { name: 'Near our checkpoints', kind: 'incident_near', radius_km: 5, presence_kinds: ['checkpoint'] },
    });
    assert.equal(rule.status, 201, rule.text);

    const { page } = await signedInPage(t, browser, server.url, 'peshmerga-liaison');
    await page.getByTestId('alerts-button').waitFor();
    assert.equal(await page.getByTestId('alerts-count').count(), 0, 'no unread alerts yet');
    assert.equal(
      await page.evaluate(() => localStorage.getItem('seam.alertSound')),
      null,
      'the sound is off until asked for',
    );

    const [lon, lat] = checkpoint.geometry.coordinates as [number, number];
    const incident = await server.request('POST', '/api/v1/incidents', {
      cookie: await server.signIn('peshmerga-reporter'),
      json: {
        type: 'ied',
        time: new Date(now - 60_000).toISOString(),
        lon: lon + 0.01,
        lat,
        narrative: 'Device found',
      },
    });
    assert.equal(incident.status, 201, incident.text);

    const count = page.getByTestId('alerts-count');
    await count.waitFor({ timeout: 15_000 });
    assert.equal(await count.textContent(), '1');
    await page.getByTestId('alerts-button').click();
    const alert = page.getByTestId('alert-item').first();
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-read'), 'false');
    const text = (await alert.locator('.alert-text').textContent()) ?? '';
    assert.match(text, /^IED or landmine [0-9.]+ km from .*CP-.*on .*Near our checkpoints/);
    assert.ok(!(await page.getByTestId('alerts-sound').isChecked()), 'the sound toggle starts off');
    await page.getByTestId('alerts-sound').check();
    assert.equal(await page.evaluate(() => localStorage.getItem('seam.alertSound')), 'on', 'the choice is kept');
    await page.screenshot({ path: join(artifactsDir, 'web-alerts-en.png') });
    await alert.getByTestId('alert-mark-read').click();
    await count.waitFor({ state: 'detached' });
    assert.equal(await alert.getAttribute('data-read'), 'true');
    // The link opens the incident's detail.
    await alert.getByTestId('alert-open').click();
    await page.locator(`[data-testid="incident-detail"]`).waitFor();
    // Read marks are the reader's own, and kept by the server.
    const unread = await page.evaluate(async () => (await fetch('/api/v1/alerts/unread-count')).json());
    assert.deepEqual(unread, { unread: 0, capped: false });

    // An ISF incident Peshmerga may see only as its tearline: the alert shows what the tearline carries, no more.
    const secret = await server.request('POST', '/api/v1/incidents', {
      cookie: await server.signIn('isf-reporter'),
      json: {
        type: 'ied',
        time: new Date(now - 30_000).toISOString(),
        lon: lon - 0.01,
        lat,
        narrative: 'SECRET-NARRATIVE',
        releasability: 'org',
        tearline: { releasability: 'partners', summary: 'Device reported near the line' },
      },
    });
    assert.equal(secret.status, 201, secret.text);
    await count.waitFor({ timeout: 15_000 });
    await page.getByTestId('alerts-button').click();
    const tearline = page.locator('[data-testid="alert-item"][data-read="false"]');
    await tearline.waitFor();
    const shown = (await tearline.textContent()) ?? '';
    assert.match(shown, /^IED or landmine reported on .*Near our checkpoints.*shared as a tearline/);
    assert.doesNotMatch(shown, /km from|CP-|SECRET/, 'neither which checkpoint, nor how near, nor the narrative');
    assert.doesNotMatch((await page.content()) ?? '', /SECRET-NARRATIVE/);
    await page.getByTestId('alerts-read-all').click();
    await count.waitFor({ state: 'detached' });
  });

  /** What each language writes: the MEDEVAC kind, the incident type and distance of an alert, and its digits. */
  const expected = {
    en: { medevac: /MEDEVAC/, ied: /IED or landmine/, near: /km from/, digits: /[0-9]/ },
    ar: { medevac: /إخلاء طبي/, ied: /عبوة ناسفة/, near: /كم من/, digits: /[٠-٩]/ },
    ckb: { medevac: /گواستنەوەی پزیشکی/, ied: /[\u0600-\u06ff]/, near: /کم لە/, digits: /[٠-٩]/ },
  } as const;
  const runs = [
    ['en', desktop],
    ['en', phone],
    ['ar', desktop],
    ['ar', phone],
    ['ckb', phone],
  ] as const;
  for (const [lang, size] of runs) {
    test(`${lang} at ${size.width}×${size.height}: the board, a request and the alerts read in the page's language and fit`, async (t) => {
      const why = requireBrowser();
      if (why) return t.skip(why);
      assert.ok(requestId, 'the request test ran first');
      const words = expected[lang];
      const { page } = await signedInPage(t, browser, server.url, 'peshmerga-liaison', { viewport: size });
      await page.getByTestId('language-select').selectOption(lang);
      assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'en' ? 'ltr' : 'rtl');
      await page.getByTestId('tab-requests').click();
      const item = page.locator(`[data-testid="request-item"][data-id="${requestId}"]`);
      await item.waitFor();
      const itemText = (await item.textContent()) ?? '';
      assert.match(itemText, words.medevac);
      assert.match(itemText, words.digits, `"${itemText}" writes the time in the page's digits`);
      if (lang !== 'en') assert.doesNotMatch(itemText, /[0-9]/, `"${itemText}" has no Latin digits`);
      const overdue = (await page.getByTestId('request-item').first().textContent()) ?? '';
      assert.match(overdue, words.digits, `"${overdue}": how long overdue, in the page's digits`);
      assert.deepEqual(await overflowing(page), []);
      await page.screenshot({
        path: join(artifactsDir, `web-requests-board-${lang}-${size.width}.png`),
        fullPage: true,
      });
      await item.click();
      await page.getByTestId('medevac-lines').waitFor();
      const deadline = (await page.getByTestId('request-deadline').textContent()) ?? '';
      assert.match(deadline, words.digits, `the deadline "${deadline}" is in the page's digits`);
      assert.deepEqual(await overflowing(page), []);
      await page.screenshot({
        path: join(artifactsDir, `web-requests-detail-${lang}-${size.width}.png`),
        fullPage: true,
      });
      await page.getByTestId('alerts-button').click();
      await page.getByTestId('alerts-list').waitFor();
      const alertTexts = (await page.locator('[data-testid="alert-item"] .alert-text').allTextContents()).join('\n');
      assert.match(alertTexts, words.ied, `"${alertTexts}" names the incident type in the page's language`);
      assert.match(alertTexts, words.near, `"${alertTexts}" gives the distance in the page's language`);
      assert.deepEqual(await overflowing(page), []);
      await page.screenshot({ path: join(artifactsDir, `web-alerts-${lang}-${size.width}.png`) });
    });
  }
});
