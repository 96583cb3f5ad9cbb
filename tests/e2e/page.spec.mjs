// The page itself: it loads, draws, follows the window, answers real input,
// and explains itself when the browser cannot run it.
import { mkdirSync } from 'node:fs';

import {
  artifactsDir, clickWidget, colourDistance, decodePng, expect, nextFrames, pressKey, regionStats, test,
  waitForDashboard, widget,
} from './fixtures.mjs';

// The dashboard's clear colour (main.cpp), as the canvas shows it.
const BACKGROUND = [20, 23, 28];

test('draws its first frames without console errors, and the title bar is not blank', async ({ dashboard }) => {
  mkdirSync(artifactsDir, { recursive: true });
  const screenshot = await dashboard.screenshot({ path: `${artifactsDir}/dashboard.png` });
  const png = decodePng(screenshot);

  const titlebar = await widget(dashboard, 'titlebar');
  expect(titlebar.width).toBeCloseTo(1280, 0);
  const bar = regionStats(png, titlebar);
  expect(colourDistance(bar.mean, BACKGROUND), 'title bar differs from the background').toBeGreaterThan(10);

  // The word "Quorum" is drawn: its rectangle holds contrasting pixels.
  const title = regionStats(png, await widget(dashboard, 'title'));
  expect(title.spread, 'title text is drawn').toBeGreaterThan(20);

  // The cluster and the inspector are side by side, and the side panel's
  // first tab (Chaos) has buttons in it.
  const cluster = await widget(dashboard, 'panel.cluster');
  const inspector = await widget(dashboard, 'panel.inspector');
  expect(cluster.x + cluster.width).toBeLessThan(inspector.x);
  expect(regionStats(png, await widget(dashboard, 'panel.chaos')).spread).toBeGreaterThan(10);
});

test('shows a loading indicator until the dashboard is ready', async ({ page, site, consoleErrors }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/quorum.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(site);
  await expect(page.locator('#loading')).toBeVisible();
  expect(await page.evaluate(() => window.quorum.ready)).toBe(false);
  release();
  await waitForDashboard(page);
  await expect(page.locator('#loading')).toBeHidden();
  expect(consoleErrors).toEqual([]);
});

test('text size follows real clicks and keys', async ({ dashboard }) => {
  const before = await dashboard.evaluate(() => window.quorum.textSize());
  await clickWidget(dashboard, 'tab.about');
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'button.text_larger');
  await nextFrames(dashboard);
  expect(await dashboard.evaluate(() => window.quorum.textSize())).toBe(before + 1);

  // Larger text makes the title bar taller.
  const tallBar = await widget(dashboard, 'titlebar');
  await pressKey(dashboard, 'Minus', ['Control']);
  await pressKey(dashboard, 'Minus', ['Control']);
  expect(await dashboard.evaluate(() => window.quorum.textSize())).toBe(before - 1);
  expect((await widget(dashboard, 'titlebar')).height).toBeLessThan(tallBar.height);
});

test('the canvas follows the window size', async ({ dashboard }) => {
  await dashboard.setViewportSize({ width: 1000, height: 640 });
  await nextFrames(dashboard, 5);
  expect((await widget(dashboard, 'titlebar')).width).toBeCloseTo(1000, 0);
  const canvas = await dashboard.evaluate(() => [canvas.width, canvas.height]);
  expect(canvas).toEqual([1000, 640]);
  const side = await widget(dashboard, 'panel.side');
  expect(side.x + side.width).toBeLessThanOrEqual(1000);
});

test('renders at the device pixel ratio on high-density screens', async ({ browser, site }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(site);
  await waitForDashboard(page);
  const sizes = await page.evaluate(() => ({
    canvas: [canvas.width, canvas.height],
    titlebar: window.quorum.widget('titlebar'),
  }));
  expect(sizes.canvas).toEqual([2560, 1440]);
  // ImGui works in CSS pixels: the layout is the same as at ratio 1.
  expect(sizes.titlebar.width).toBeCloseTo(1280, 0);
  await context.close();
});

for (const { missing, breakIt } of [
  {
    missing: 'WebGL 2',
    breakIt: () => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return type === 'webgl2' ? null : original.call(this, type, ...rest);
      };
    },
  },
  { missing: 'WebAssembly', breakIt: () => { delete window.WebAssembly; } },
]) {
  test(`explains instead of showing a blank page without ${missing}`, async ({ page, site }) => {
    await page.addInitScript(breakIt);
    await page.goto(site);
    const problem = page.locator('#problem');
    await expect(problem).toBeVisible();
    await expect(problem).toContainText(missing);
    await expect(page.locator('#loading')).toBeHidden();
  });
}
