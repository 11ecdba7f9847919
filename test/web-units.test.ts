import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setPositionSharing } from '../src/service/position-sharing.ts';
import { browserSuite, ensureWebBuilt, launchChromium, requireBrowser } from './harness/browser.ts';
import { startCot } from './harness/cot-server.ts';
import { startServer } from './harness/fixture.ts';
import { positionReport } from './harness/tak-client.ts';
import { mapOf, signedInPage, visibleLayers } from './harness/web-page.ts';

test(
  'the map draws the connected TAK units the user may see, live, as a layer of their own',
  browserSuite,
  async (t) => {
    const why = requireBrowser();
    if (why) {
      t.skip(why);
      return;
    }
    ensureWebBuilt();
    const { store, joined } = await startCot(t);
    const server = await startServer(t, store);
    await setPositionSharing(store, null, 'isf', 'org');
    await setPositionSharing(store, null, 'coalition', 'coalition');
    const isf = await joined('isf-reporter');
    const coal = await joined('coalition-reporter');
    isf.send(positionReport('ANDROID-isf-reporter', 'ISF-1', 44.4, 35.5));
    coal.send(positionReport('ANDROID-coalition-reporter', 'COAL-1', 44.5, 35.6));

    const browser = await launchChromium(t);
    const { page } = await signedInPage(t, browser, server.url, 'peshmerga-viewer');
    const units = () => mapOf(page).getAttribute('data-units');
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.units === '1',
      null,
      {
        timeout: 20_000,
      },
    );
    assert.ok((await visibleLayers(page)).includes('unit-points'));

    // A Peshmerga unit joins: drawn live; the ISF-only one never is.
    const pesh = await joined('peshmerga-reporter');
    pesh.send(positionReport('ANDROID-peshmerga-reporter', 'P-1', 44.3, 35.4));
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.units === '2',
      null,
      {
        timeout: 10_000,
      },
    );
    coal.close();
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.units === '1',
      null,
      {
        timeout: 10_000,
      },
    );
    assert.equal(await units(), '1');

    // The layer panel switches it off (and the stream with it).
    await page.getByTestId('tab-layers').click();
    await page.getByTestId('layer-units').click();
    await page.waitForFunction(
      () => !document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.layers?.includes('unit-points'),
    );
  },
);
