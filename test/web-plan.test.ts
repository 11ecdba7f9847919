// The planning tab in a browser: an ISF liaison plans a patrol across a Peshmerga checkpoint's area and sees the
// conflict before sending; a Peshmerga liaison is notified live and acknowledges; the ISF liaison sees the answer
// without reloading. Screenshots in English and Arabic, on a desktop and a phone.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { artifactsDir, browserSuite, ensureWebBuilt, launchChromium, requireBrowser } from './harness/browser.ts';
import { startDemoServer } from './harness/demo-server.ts';
import type { TestServer } from './harness/fixture.ts';
import { signedInPage } from './harness/web-page.ts';

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

interface Checkpoint {
  id: string;
  name: string;
  org: string;
  kind: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
}

/** Nothing in the panel sticks out sideways. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const panel = document.querySelector('.sidebar') as HTMLElement;
    const box = panel.getBoundingClientRect();
    const out: string[] = [];
    for (const el of document.querySelectorAll('[data-testid="plan-panel"] *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > box.right + 1 || r.left < box.left - 1)
        out.push(
          `${el.tagName} "${(el.textContent ?? '').slice(0, 30)}" ${r.left}-${r.right} outside ${box.left}-${box.right}`,
        );
    }
    return out;
  });
}

describe('planning an activity and answering its notification in a browser', browserSuite, () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  const scope = { after: (fn: () => void | Promise<void>) => void cleanups.push(fn) };
  let server: TestServer;
  let browser: Browser;
  let checkpoint: Checkpoint;
  let route: string;

  before(async () => {
    if (requireBrowser()) return;
    ensureWebBuilt();
    mkdirSync(artifactsDir, { recursive: true });
    ({ server } = await startDemoServer(scope, {}, { week: false }));
    browser = await launchChromium(scope);
    const isf = await server.signIn('isf-liaison');
    const presence = await server.request('GET', '/api/v1/presence?limit=1000', { cookie: isf });
    checkpoint = (presence.body.items as Checkpoint[]).find((p) => p.kind === 'checkpoint' && p.org === 'peshmerga')!;
    assert.ok(checkpoint, 'the demo has a Peshmerga checkpoint ISF may see');
    const [lon, lat] = checkpoint.geometry.coordinates;
    // A patrol route straight through the checkpoint, 10 km long.
    route = `${(lon - 0.05).toFixed(5)}, ${(lat - 0.01).toFixed(5)}\n${(lon + 0.05).toFixed(5)}, ${(lat + 0.01).toFixed(5)}`;
    // Peshmerga's own engineers work on the same road the same day, released to Peshmerga alone: ISF's plan
    // conflicts with it, but may learn only that there is a conflict, whom to contact and when.
    const pesh = await server.signIn('peshmerga-liaison');
    const hidden = await server.request('POST', '/api/v1/activities', {
      cookie: pesh,
      json: {
        kind: 'operation',
        unit: 'Engineer team Zeravani',
        area: { shape: 'point', at: [lon, lat], radius_km: 1 },
        start: new Date(Date.now() + 2 * 3_600_000).toISOString(),
        end: new Date(Date.now() + 10 * 3_600_000).toISOString(),
        releasability: 'org',
      },
    });
    assert.equal(hidden.status, 201, hidden.text);
    const notified = await server.request('POST', `/api/v1/activities/${hidden.body.id}/notify`, {
      cookie: pesh,
      json: {},
    });
    assert.equal(notified.status, 200, notified.text);
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  async function planPatrol(page: Page, unit: string): Promise<void> {
    await page.getByTestId('tab-plan').click();
    await page.getByTestId('plan-view-new').check();
    const form = page.getByTestId('plan-form');
    await form.getByTestId('plan-kind').selectOption('patrol');
    await form.getByTestId('plan-unit').fill(unit);
    await page.getByTestId('plan-shape-route').check();
    await page.getByTestId('plan-entry-typed').check();
    await page.getByTestId('plan-typed').fill(route);
    await form.getByTestId('plan-buffer').fill('1');
    await form.locator('#report-releasability').selectOption('partners');
    await form.getByTestId('plan-contact').fill('JCC duty desk, channel 4');
    await page.getByTestId('plan-check').click();
    await page.getByTestId('plan-preview').waitFor({ timeout: 10_000 });
  }

  test('the patrol conflicts with the checkpoint before sending; Peshmerga acknowledges live; ISF sees it without reloading', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const isf = (await signedInPage(t, browser, server.url, 'isf-liaison')).page;
    const pesh = (await signedInPage(t, browser, server.url, 'peshmerga-liaison')).page;
    // Peshmerga follows its activities before anything is planned: what arrives, arrives live.
    await pesh.getByTestId('tab-plan').click();
    await pesh.getByTestId('plan-view-list').check();
    await pesh.getByTestId('activity-list').waitFor();
    await pesh.getByTestId('activity').first().waitFor();
    assert.equal(await pesh.getByTestId('activity').count(), 1, 'only its own operation so far');
    await pesh.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    await planPatrol(isf, '2nd Battalion, 3rd Company');
    const conflict = isf.locator('[data-testid="conflict"][data-with="presence"]').filter({ hasText: checkpoint.name });
    await conflict.waitFor();
    const text = (await conflict.textContent()) ?? '';
    assert.match(text, /Standing presence: Checkpoint/);
    assert.match(text, /Peshmerga/);
    assert.match(text, /overlaps/, 'the route runs through the checkpoint');
    assert.match((await isf.getByTestId('plan-will-notify').textContent()) ?? '', /Peshmerga/);
    const hiddenConflict = isf.locator('[data-testid="conflict"][data-hidden="true"]');
    assert.equal(await hiddenConflict.count(), 1, 'the conflict with what ISF may not see is shown');
    const hiddenText = (await hiddenConflict.textContent()) ?? '';
    assert.match(hiddenText, /^A conflict with a record you may not see — contact JCC Nineveh, overlap \d/);
    assert.doesNotMatch(hiddenText, /Zeravani|operation|Peshmerga/i, 'nothing of the hidden record shows');
    assert.ok(
      Number(await isf.getByTestId('map').getAttribute('data-plan-draft')) >= 3,
      'the checked route is on the map',
    );
    const listed = await isf.evaluate(async () => (await (await fetch('/api/v1/activities')).json()).items.length);
    assert.equal(listed, 0, 'checking conflicts writes nothing');
    assert.deepEqual(await overflowing(isf), []);
    await isf.screenshot({ path: join(artifactsDir, 'web-plan-conflicts-en-1280.png') });
    await isf.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    await isf.getByTestId('plan-send').click();
    await isf.locator('[data-testid="plan-sent"], [data-testid="plan-form"] [role="alert"]').first().waitFor();
    assert.deepEqual(
      await isf.locator('[data-testid="plan-form"] [role="alert"]').allTextContents(),
      [],
      'sent without an error',
    );
    const id = await isf.getByTestId('plan-sent').getAttribute('data-id');
    assert.ok(id);
    const mine = isf.locator(`[data-testid="activity"][data-id="${id}"]`);
    await mine.waitFor();
    assert.equal(await mine.getAttribute('data-state'), 'notified');
    await mine.locator('[data-testid="notification"][data-org="peshmerga"][data-status="pending"]').waitFor();

    // Peshmerga: the notification arrives on the stream, with the conflict with its own checkpoint.
    const theirs = pesh.locator(`[data-testid="activity"][data-id="${id}"]`);
    await theirs.waitFor({ timeout: 10_000 });
    assert.equal(await theirs.getByTestId('my-notification').getAttribute('data-status'), 'pending');
    assert.match((await theirs.textContent()) ?? '', /2nd Battalion, 3rd Company/);
    await pesh.screenshot({ path: join(artifactsDir, 'web-plan-notified-en-1280.png') });
    await theirs.getByTestId('activity-comment').fill('Noted; CP-058 will expect the patrol.');
    await theirs.getByTestId('activity-acknowledge').click();
    await theirs.locator('[data-testid="my-notification"][data-status="acknowledged"]').waitFor({ timeout: 10_000 });

    // ISF: the answer arrives without reloading.
    const answer = mine.locator('[data-testid="notification"][data-org="peshmerga"][data-status="acknowledged"]');
    await answer.waitFor({ timeout: 10_000 });
    assert.match((await answer.textContent()) ?? '', /Noted; CP-058 will expect the patrol\./);
    for (const page of [isf, pesh])
      assert.equal(
        await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
        true,
        'the page was not reloaded',
      );
    await mine.scrollIntoViewIfNeeded();
    await isf.screenshot({ path: join(artifactsDir, 'web-plan-acknowledged-en-1280.png') });
    await isf.setViewportSize(phone);
    await mine.scrollIntoViewIfNeeded();
    assert.deepEqual(await overflowing(isf), []);
    await isf.screenshot({ path: join(artifactsDir, 'web-plan-acknowledged-en-390.png') });

    // The activity is on the map: "show on map" brings it into view, and a click on it opens it in the list.
    await isf.setViewportSize(desktop);
    // Marked stale first: the map's move (which may start and end between two polls) sets it back when it rests.
    await isf.evaluate(() => {
      const map = document.querySelector<HTMLElement>('[data-testid="map"]');
      if (map) map.dataset.labelsPlaced = 'stale';
    });
    await mine.getByRole('button', { name: 'Show on map' }).click();
    await isf.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.labelsPlaced === 'true',
    );
    await isf.getByTestId('tab-layers').click();
    const canvas = isf.locator('[data-testid="map"] canvas.maplibregl-canvas');
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
    assert.equal(await isf.getByTestId('tab-plan').getAttribute('aria-selected'), 'true');
    await isf.locator(`[data-testid="activity"][data-id="${id}"].focused`).waitFor();

    // The activities layer can be switched off.
    await isf.getByTestId('tab-layers').click();
    assert.equal(await isf.getByTestId('layer-activities').isChecked(), true);
    assert.match((await isf.getByTestId('map').getAttribute('data-layers')) ?? '', /activity-route/);
    await isf.getByTestId('layer-activities').uncheck();
    assert.doesNotMatch((await isf.getByTestId('map').getAttribute('data-layers')) ?? '', /activity-route/);
  });

  test('in Arabic the conflicts and the answers read in Arabic, right to left, with Arabic digits', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const isf = (await signedInPage(t, browser, server.url, 'isf-liaison')).page;
    await isf.getByTestId('language-select').selectOption('ar');
    assert.equal(await isf.evaluate(() => document.documentElement.dir), 'rtl');
    for (const size of [desktop, phone]) {
      await isf.setViewportSize(size);
      await planPatrol(isf, 'الفوج الثاني');
      const conflict = isf
        .locator('[data-testid="conflict"][data-with="presence"]')
        .filter({ hasText: checkpoint.name });
      await conflict.waitFor();
      const text = (await conflict.textContent()) ?? '';
      assert.match(text, /نقطة تفتيش/);
      assert.match(text, /[٠-٩]{2}:[٠-٩]{2}/, `the overlap in Arabic-Indic digits: ${text}`);
      assert.doesNotMatch(text.replace(checkpoint.name, ''), /[0-9]/, 'no Latin digits besides the record name');
      assert.deepEqual(await overflowing(isf), []);
      await isf.getByTestId('plan-preview').scrollIntoViewIfNeeded();
      await isf.screenshot({ path: join(artifactsDir, `web-plan-conflicts-ar-${size.width}.png`) });
      await isf.getByTestId('plan-view-list').check();
      const acknowledged = isf.locator(
        '[data-testid="notification"][data-org="peshmerga"][data-status="acknowledged"]',
      );
      await acknowledged.first().waitFor({ timeout: 10_000 });
      assert.match((await acknowledged.first().textContent()) ?? '', /أقرّت/);
      await acknowledged.first().scrollIntoViewIfNeeded();
      assert.deepEqual(await overflowing(isf), []);
      await isf.screenshot({ path: join(artifactsDir, `web-plan-acknowledged-ar-${size.width}.png`) });
    }
  });

  test('a joint activity waits for each owner to approve; each sees the other approve live; a concern shows at once', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const isf = (await signedInPage(t, browser, server.url, 'isf-liaison')).page;
    const pesh = (await signedInPage(t, browser, server.url, 'peshmerga-liaison')).page;
    const coalition = (await signedInPage(t, browser, server.url, 'coalition-liaison')).page;
    for (const page of [pesh, coalition]) {
      await page.getByTestId('tab-plan').click();
      await page.getByTestId('plan-view-list').check();
      await page.getByTestId('activity-list').waitFor();
    }
    await isf.getByTestId('tab-plan').click();
    await isf.getByTestId('plan-joint-peshmerga').check();
    await planPatrol(isf, 'Joint patrol Alpha');
    await isf.getByTestId('plan-send').click();
    const id = await isf.getByTestId('plan-sent').getAttribute('data-id', { timeout: 10_000 });
    const ours = isf.locator(`[data-testid="activity"][data-id="${id}"]`);
    // Sending it is the planner's approval; the partner's is awaited.
    assert.equal(
      await ours.getByTestId('approvals').textContent(),
      'Approved by: Iraqi Security Forces · awaiting: Kurdistan Region Peshmerga',
    );
    assert.equal(await ours.getByTestId('activity-approve').count(), 0, 'ISF approved by sending it');

    const theirs = pesh.locator(`[data-testid="activity"][data-id="${id}"]`);
    await theirs.waitFor({ timeout: 10_000 });
    assert.equal(
      await theirs.getByTestId('activity-acknowledge').count(),
      0,
      'an owner approves, it does not acknowledge',
    );
    await theirs.getByTestId('approvals').filter({ hasText: 'Iraqi Security Forces' }).waitFor({ timeout: 10_000 });
    await theirs.getByTestId('activity-approve').click();
    await ours
      .getByTestId('approvals')
      .filter({
        hasText: /Iraqi Security Forces.*Kurdistan Region Peshmerga|Kurdistan Region Peshmerga.*Iraqi Security Forces/,
      })
      .waitFor({ timeout: 10_000 });

    // The coalition, notified as a member of the JCC, raises a concern: it needs a comment, and the owners see it.
    const notified = coalition.locator(`[data-testid="activity"][data-id="${id}"]`);
    await notified.waitFor({ timeout: 10_000 });
    await notified.getByTestId('activity-concern').click();
    await notified.getByRole('alert').filter({ hasText: 'Say what the concern is' }).waitFor();
    await notified.getByTestId('activity-comment').fill('ISR orbit over the same road 10:00-12:00');
    await notified.getByTestId('activity-concern').click();
    await ours
      .locator('[data-testid="notification"][data-org="coalition"][data-status="concern"]')
      .waitFor({ timeout: 10_000 });
    await isf.locator(`[data-testid="activity"][data-id="${id}"][data-state="conflict_raised"]`).waitFor();
    await theirs
      .locator('[data-testid="activity-state"]')
      .filter({ hasText: 'Concern raised' })
      .waitFor({ timeout: 10_000 });
    await ours.scrollIntoViewIfNeeded();
    await isf.screenshot({ path: join(artifactsDir, 'web-plan-joint-concern-en-1280.png') });
  });

  test('the owner starts an acknowledged activity and marks it done, or cancels one; a partner sees it live', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const [lon, lat] = checkpoint.geometry.coordinates;
    const isfCookie = await server.signIn('isf-liaison');
    const planned = async (unit: string) => {
      const r = await server.request('POST', '/api/v1/activities', {
        cookie: isfCookie,
        json: {
          kind: 'movement',
          unit,
          area: { shape: 'point', at: [lon + 0.2, lat - 0.2], radius_km: 0.5 },
          start: new Date(Date.now() + 3 * 3_600_000).toISOString(),
          end: new Date(Date.now() + 5 * 3_600_000).toISOString(),
          releasability: 'partners',
        },
      });
      assert.equal(r.status, 201, r.text);
      const n = await server.request('POST', `/api/v1/activities/${r.body.id}/notify`, { cookie: isfCookie, json: {} });
      assert.equal(n.status, 200, n.text);
      return n.body as { id: string; notifications: Array<{ org: string }> };
    };
    const convoy = await planned('Supply convoy 12');
    for (const n of convoy.notifications) {
      const cookie = await server.signIn(`${n.org}-liaison`);
      const r = await server.request('POST', `/api/v1/activities/${convoy.id}/acknowledge`, { cookie, json: {} });
      assert.equal(r.status, 200, r.text);
    }
    const other = await planned('Supply convoy 13');

    const isf = (await signedInPage(t, browser, server.url, 'isf-liaison')).page;
    const pesh = (await signedInPage(t, browser, server.url, 'peshmerga-liaison')).page;
    for (const page of [isf, pesh]) {
      await page.getByTestId('tab-plan').click();
      await page.getByTestId('plan-view-list').check();
    }
    const item = (page: Page, id: string) => page.locator(`[data-testid="activity"][data-id="${id}"]`);
    await item(isf, convoy.id).getByTestId('activity-start').click();
    await item(isf, convoy.id).and(isf.locator('[data-state="under_way"]')).waitFor({ timeout: 10_000 });
    await item(pesh, convoy.id).and(pesh.locator('[data-state="under_way"]')).waitFor({ timeout: 10_000 });
    assert.equal(await item(isf, convoy.id).getByTestId('activity-start').count(), 0);
    await item(isf, convoy.id).getByTestId('activity-done').click();
    await item(pesh, convoy.id).and(pesh.locator('[data-state="done"]')).waitFor({ timeout: 10_000 });
    assert.equal(await item(isf, convoy.id).getByTestId('activity-actions').count(), 0, 'nothing more to do once done');

    assert.equal(await item(isf, other.id).getByTestId('activity-start').count(), 0, 'not acknowledged: not started');
    await item(isf, other.id).getByTestId('activity-cancel').click();
    await item(pesh, other.id).and(pesh.locator('[data-state="cancelled"]')).waitFor({ timeout: 10_000 });
    assert.equal(
      await item(pesh, other.id).getByTestId('activity-acknowledge').count(),
      0,
      'a cancelled plan is not answered',
    );
  });

  test('in Sorani the conflicts read in Sorani with Arabic-Indic digits', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const isf = (await signedInPage(t, browser, server.url, 'isf-liaison', { viewport: phone })).page;
    await isf.getByTestId('language-select').selectOption('ckb');
    assert.equal(await isf.evaluate(() => document.documentElement.dir), 'rtl');
    await planPatrol(isf, 'فەوجی دووەم');
    const conflict = isf.locator('[data-testid="conflict"][data-with="presence"]').filter({ hasText: checkpoint.name });
    const text = (await conflict.textContent()) ?? '';
    assert.match(text, /بازگە/);
    assert.match(text, /[٠-٩]{2}:[٠-٩]{2}/, `the overlap in Arabic-Indic digits: ${text}`);
    assert.doesNotMatch(
      text.replace(checkpoint.name, ''),
      /[0-9A-Za-z]/,
      'nothing in Latin script besides the record name',
    );
    assert.deepEqual(await overflowing(isf), []);
    await isf.getByTestId('plan-preview').scrollIntoViewIfNeeded();
    await isf.screenshot({ path: join(artifactsDir, 'web-plan-conflicts-ckb-390.png') });
  });

  test('an analyst has no Plan tab but sees the activities on the map', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const analyst = (await signedInPage(t, browser, server.url, 'isf-analyst')).page;
    await analyst.getByTestId('tab-layers').waitFor();
    assert.equal(await analyst.getByTestId('tab-plan').count(), 0);
    await analyst.getByTestId('tab-layers').click();
    assert.equal(await analyst.getByTestId('layer-activities').isChecked(), true);
  });

  test('a shape is drawn on the map point by point', async (t) => {
    const why = requireBrowser();
    if (why) return t.skip(why);
    const isf = (await signedInPage(t, browser, server.url, 'isf-liaison')).page;
    await isf.getByTestId('tab-plan').click();
    await isf.getByTestId('plan-shape-polygon').check();
    await isf.getByTestId('plan-start-draw').click();
    const canvas = isf.locator('[data-testid="map"] canvas.maplibregl-canvas');
    const box = (await canvas.boundingBox())!;
    for (const [x, y] of [
      [0.5, 0.4],
      [0.6, 0.5],
      [0.45, 0.6],
    ])
      await canvas.click({ position: { x: box.width * x, y: box.height * y } });
    await isf.getByTestId('plan-stop-draw').click();
    assert.equal(await isf.getByTestId('plan-points').getAttribute('data-count'), '3');
    // Three vertices and the outline.
    await isf.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.planDraft === '4',
    );
    await isf.getByTestId('plan-undo-point').click();
    assert.equal(await isf.getByTestId('plan-points').getAttribute('data-count'), '2');
    await isf.getByTestId('plan-unit').fill('Survey team');
    await isf.getByTestId('plan-check').click();
    assert.match(
      (await isf.locator('[data-testid="plan-form"] .field-error').first().textContent()) ?? '',
      /An area needs at least 3 points/,
    );
  });
});
