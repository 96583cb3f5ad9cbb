// Shared fixtures for the browser tests:
//   site      the built page (QUORUM_SITE_DIR) served on a private port
//   dashboard a page on it, loaded, ready, and watched for console errors
import { test as base, expect } from '@playwright/test';
import { PNG } from 'pngjs';

import { startStaticServer } from './static-server.mjs';

export { expect };

export const artifactsDir = process.env.QUORUM_ARTIFACTS_DIR ?? 'build/web/e2e-artifacts';

export const test = base.extend({
  // The lesson picker opens on a page's first visit (web/boot.js); these
  // tests expect the bare dashboard, as after a visit. lessons.spec.mjs
  // opens a fresh context to see the picker.
  context: async ({ context }, use) => {
    await context.addInitScript(() => {
      try {
        localStorage.setItem('quorum.lessons.seen', '1');
      } catch {
        // no storage: the picker cannot tell a first visit and stays shut
      }
    });
    await use(context);
  },

  site: [
    async ({}, use) => {
      const siteDir = process.env.QUORUM_SITE_DIR;
      if (!siteDir) throw new Error('QUORUM_SITE_DIR is not set: run the tests through ctest (./quorum test)');
      const server = await startStaticServer(siteDir);
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],

  // Console errors and uncaught exceptions seen by the page, for tests to assert on.
  consoleErrors: async ({ page }, use) => {
    const errors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await use(errors);
  },

  dashboard: async ({ page, site, consoleErrors }, use) => {
    await page.goto(site);
    await waitForDashboard(page);
    await use(page);
    expect(consoleErrors, 'console errors').toEqual([]);
  },
});

export async function waitForDashboard(page) {
  await page.waitForFunction(() => window.quorum?.ready === true || window.quorum?.problem, null, {
    timeout: 30_000,
  });
  const problem = await page.evaluate(() => window.quorum.problem);
  expect(problem, 'the page reported a problem').toBeNull();
}

// Waits until the dashboard has drawn at least `count` more frames.
export async function nextFrames(page, count = 3) {
  await page.evaluate(
    (frames) =>
      new Promise((resolve) => {
        let left = frames;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    count,
  );
}

// Presses a key the way a person does: held for a few frames. ImGui 1.86 reads
// key state once per frame, so a press and release inside one frame is unseen.
export async function pressKey(page, key, modifiers = []) {
  for (const modifier of modifiers) await page.keyboard.down(modifier);
  await page.keyboard.down(key);
  await nextFrames(page, 2);
  await page.keyboard.up(key);
  for (const modifier of modifiers.reverse()) await page.keyboard.up(modifier);
  await nextFrames(page, 2);
}

export async function widget(page, name) {
  return page.evaluate((widgetName) => window.quorum.widget(widgetName), name);
}

// Moves to the widget, lets a frame see the mouse there, then clicks: as a
// person does. ImGui 1.86's tabs (and other overlap-allowing items) ignore a
// click in the very frame the mouse jumped onto them from another item.
export async function clickWidget(page, name) {
  const rect = await widget(page, name);
  const x = rect.x + rect.width / 2;
  const y = rect.y + rect.height / 2;
  await page.mouse.move(x, y);
  await nextFrames(page, 2);
  await page.mouse.click(x, y);
}

export function decodePng(buffer) {
  return PNG.sync.read(buffer);
}

// Mean colour of a rectangle of a decoded PNG, and how much its pixels vary.
export function regionStats(png, rect) {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(png.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(png.height, Math.ceil(rect.y + rect.height));
  const sum = [0, 0, 0];
  const sumSquares = [0, 0, 0];
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      for (let c = 0; c < 3; c++) {
        sum[c] += png.data[i + c];
        sumSquares[c] += png.data[i + c] ** 2;
      }
      count++;
    }
  }
  const mean = sum.map((s) => s / count);
  const variance = sumSquares.map((s, c) => s / count - mean[c] ** 2);
  return { mean, spread: Math.sqrt(variance.reduce((a, b) => a + b, 0)), count };
}

export function colourDistance(a, b) {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
