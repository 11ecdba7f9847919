import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importBasemap, removeBasemap } from '../src/service/basemap.ts';
import type { Store } from '../src/store/store.ts';
import { artifactsDir, browserSuite, ensureWebBuilt, launchChromium, requireBrowser } from './harness/browser.ts';
import { createFixture, startServer, type TestServer } from './harness/fixture.ts';
import { fixtureLake, fixtureTileLayers, writeFixtureArchive } from './harness/pmtiles-fixture.ts';
import { tempDir } from './harness/temp-dir.ts';
import { encodeTile } from './harness/vector-tiles.ts';
import { mapCanvasShot, mapOf, signedInPage, waitForMap } from './harness/web-page.ts';

// The light flavour of the Protomaps basemap: its water and earth; and the built-in outlines' land.
const water = [0x80, 0xde, 0xea] as const;
const earth = [0xe2, 0xdf, 0xda] as const;
const outlineLand = [0xf3, 0xf1, 0xea] as const;
// The map opens on these bounds (map-view.tsx), fitted to the canvas.
const opening = [41.5, 33.5, 46.5, 37.3] as const;

interface ColourPatch {
  pixels: number;
  /** The centre of the pixels of that colour, in canvas pixels; null when there are none. */
  centre: [number, number] | null;
}

/** Counts the pixels of a PNG within 3 of a colour on each channel, and where their centre lies. */
async function findColour(page: Page, png: Buffer, rgb: readonly [number, number, number]): Promise<ColourPatch> {
  return page.evaluate(
    async ([base64, [r, g, b]]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let pixels = 0;
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - r) <= 3 && Math.abs(data[i + 1] - g) <= 3 && Math.abs(data[i + 2] - b) <= 3) {
          pixels++;
          sx += (i / 4) % bitmap.width;
          sy += Math.floor(i / 4 / bitmap.width);
        }
      }
      return { pixels, centre: pixels ? ([sx / pixels, sy / pixels] as [number, number]) : null };
    },
    [png.toString('base64'), rgb] as const,
  );
}

const mercX = (lon: number) => (lon + 180) / 360;
const mercY = (lat: number) => {
  const r = (lat * Math.PI) / 180;
  return (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2;
};

/** Where lon/lat is drawn on a canvas of width × height showing the opening bounds fitted (Web Mercator). */
function openingPixel(width: number, height: number, lon: number, lat: number): [number, number] {
  const [w, s, e, n] = opening;
  const scale = Math.min(width / (mercX(e) - mercX(w)), height / (mercY(s) - mercY(n)));
  const cx = (mercX(w) + mercX(e)) / 2;
  const cy = (mercY(n) + mercY(s)) / 2;
  return [width / 2 + (mercX(lon) - cx) * scale, height / 2 + (mercY(lat) - cy) * scale];
}

/** The fixture's lake is drawn in the basemap's water colour where it lies, and its earth covers the rest of the view. */
async function assertLakeAndEarth(page: Page, png: Buffer, box: { width: number; height: number }): Promise<void> {
  const lake = await findColour(page, png, water);
  const [w, s, e, n] = fixtureLake;
  const [x0, y0] = openingPixel(box.width, box.height, w, n);
  const [x1, y1] = openingPixel(box.width, box.height, e, s);
  const area = (x1 - x0) * (y1 - y0);
  assert.ok(
    lake.pixels > area * 0.7 && lake.pixels < area * 1.3,
    `lake: ${lake.pixels} pixels, expected about ${Math.round(area)}`,
  );
  const [cx, cy] = lake.centre!;
  const [ex, ey] = [(x0 + x1) / 2, (y0 + y1) / 2];
  assert.ok(Math.hypot(cx - ex, cy - ey) < 10, `lake drawn at ${cx},${cy}, expected near ${ex},${ey}`);
  const land = await findColour(page, png, earth);
  assert.ok(land.pixels > box.width * box.height * 0.3, `the extract's earth covers the view: ${land.pixels} pixels`);
}

describe('the map draws the site basemap, or the built-in outlines without one', browserSuite, () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  const scope = { after: (fn: () => void | Promise<void>) => void cleanups.push(fn) };
  let server: TestServer;
  let store: Store;
  let browser: Browser;

  before(async () => {
    if (requireBrowser()) return;
    ensureWebBuilt();
    mkdirSync(artifactsDir, { recursive: true });
    ({ store } = await createFixture(scope, { roles: ['viewer'] }));
    server = await startServer(scope, store);
    browser = await launchChromium(scope);
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  /** Opens the map signed in and waits until its background (basemap or outlines) is drawn; a picture of the canvas. */
  async function drawnMap(t: { after(fn: () => Promise<void>): void }, shot: string, on = server) {
    const { page } = await signedInPage(t, browser, on.url, 'isf-viewer');
    await waitForMap(page, 0);
    await page.waitForFunction(
      () => !!document.querySelector<HTMLElement>('[data-testid="map"]')?.dataset.basemap,
      null,
      {
        timeout: 20_000,
      },
    );
    const kind = await mapOf(page).getAttribute('data-basemap');
    const png = await mapCanvasShot(page, join(artifactsDir, shot));
    const box = (await mapOf(page).boundingBox())!;
    return { page, kind, png, box };
  }

  test('without a basemap: the country outlines, and no water', { skip: requireBrowser() }, async (t) => {
    const { page, kind, png, box } = await drawnMap(t, 'map-outlines.png');
    assert.equal(kind, 'outlines');
    assert.equal((await findColour(page, png, water)).pixels, 0);
    const land = await findColour(page, png, outlineLand);
    assert.ok(land.pixels > box.width * box.height * 0.3, `outline land covers the view: ${land.pixels} pixels`);
  });

  test('with a loaded extract: its water where the extract has water, its earth around it', {
    skip: requireBrowser(),
  }, async (t) => {
    await importBasemap(store, writeFixtureArchive(tempDir(t)));
    t.after(async () => removeBasemap(store));
    const { page, kind, png, box } = await drawnMap(t, 'map-basemap.png');
    assert.equal(kind, 'tiles');
    await assertLakeAndEarth(page, png, box);
    // Attribution comes from the extract, as text.
    await page
      .locator('.maplibregl-ctrl-attrib-inner', { hasText: 'Protomaps © OpenStreetMap' })
      .waitFor({ state: 'attached' });
  });

  test("with a site's own tile server: the map draws its tiles, fetched under the page's CSP", {
    skip: requireBrowser(),
  }, async (t) => {
    // The site's tile server: the fixture's tiles made on request, any zoom, with CORS as a tile server answers.
    const asked: string[] = [];
    const tileServer = createServer((req, res) => {
      const m = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(req.url ?? '');
      asked.push(req.url ?? '');
      if (!m) return res.writeHead(404).end();
      const [z, x, y] = m.slice(1).map(Number);
      res.writeHead(200, { 'content-type': 'application/vnd.mapbox-vector-tile', 'access-control-allow-origin': '*' });
      res.end(encodeTile(fixtureTileLayers(z, x, y)));
    });
    await new Promise<void>((resolve) => tileServer.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => tileServer.close(() => resolve())));
    const { port } = tileServer.address() as AddressInfo;
    const configured = await startServer(scope, store, { tileUrl: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.mvt` });

    const { page, kind, png, box } = await drawnMap(t, 'map-tile-server.png', configured);
    assert.equal(kind, 'tiles');
    assert.ok(asked.length > 0 && asked.every((u) => /^\/tiles\/\d+\/\d+\/\d+\.mvt$/.test(u)), asked.join(' '));
    await assertLakeAndEarth(page, png, box);
  });
});
