#!/usr/bin/env node
// The dashboard's frame cost, measured in the page (headless Chromium through
// Playwright, as the browser tests run it): the CPU time of one ImGui frame
// (window.quorum.frameTimes().ui: NewFrame to Render, every panel building
// its draw lists) and, apart, of handing the lists to WebGL (.render), for an
// idle dashboard and for a heavy one: 9 Raft nodes with 10,000 log entries
// each, 500 messages in flight, a 100,000-event log, with each list-heavy tab
// shown in turn. A benchmark, not a test: it prints figures and asserts
// nothing. Run it after `./quorum build web`:
//
//   node scripts/bench_frame.mjs [--frames 300] [--site DIR]
//
// --site serves another build's page (default build/web/site): an older
// build's, to compare two builds in the same hour.
//
// The heavy state is built by a scenario (the same interpreter quorum-sim
// runs): the 10,000-entry logs are `log` lines (their commit alone traces
// 9 x 10,001 apply lines), a 12 s run brings the event log near 100,000,
// and 63 heartbeats fired by hand with hold on put 504 messages in flight.
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

import config from '../tests/e2e/playwright.config.mjs';
import { startStaticServer } from '../tests/e2e/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const frames = Number(option('--frames')) || 300;
const site = option('--site') ?? join(root, 'build/web/site');

function heavyScenario() {
  const log = Array(10_000).fill('1').join(' ');
  const lines = ['cluster raft nodes=9 seed=1'];
  for (let node = 1; node <= 9; node++) lines.push(`log ${node} ${log}`);
  lines.push('run until leader within 5s', 'remember l = leader', 'run 12s', 'hold on');
  for (let i = 0; i < 63; i++) lines.push('fire $l');  // 8 AppendEntries each
  return lines.join('\n') + '\n';
}

const nextFrames = (page, count) =>
  page.evaluate((n) => new Promise((resolve) => {
    let left = n;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), count);

async function click(page, name) {
  const rect = await page.evaluate((n) => window.quorum.widget(n), name);
  await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await nextFrames(page, 2);
  await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await nextFrames(page, 2);
}

// Median and 95th percentile of the next `frames` frames, in milliseconds,
// for the ImGui frame and for the WebGL hand-over.
async function measure(page) {
  await nextFrames(page, 30);  // let the layout settle
  await nextFrames(page, frames);
  const times = await page.evaluate(() => window.quorum.frameTimes());
  const figures = (values) => {
    const sorted = values.slice(-frames).sort((a, b) => a - b);
    const at = (share) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] / 1000;
    const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length / 1000;
    return { mean, median: at(0.5), p95: at(0.95) };
  };
  return { ui: figures(times.ui), render: figures(times.render) };
}

// Cross-origin isolation: performance.now() (behind std::chrono in the page)
// then ticks in 5 microseconds instead of 100.
const server = await startStaticServer(site, {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
});
const browser = await chromium.launch(config.use.launchOptions);
const page = await browser.newPage({ viewport: config.use.viewport });
await page.goto(server.url);
await page.waitForFunction(() => window.quorum?.ready === true, null, { timeout: 60_000 });
console.log(`cross-origin isolated (fine clock): ${await page.evaluate(() => self.crossOriginIsolated)}`);

const ms = (value) => value.toFixed(2).padStart(6);
console.log(`${''.padEnd(44)}   ImGui frame (ms)           WebGL hand-over (ms)`);
console.log(`${''.padEnd(44)}   mean  median     p95      mean  median     p95`);
const report = (name, { ui, render }) => {
  const three = (f) => `${ms(f.mean)}  ${ms(f.median)}  ${ms(f.p95)}`;
  console.log(`${name.padEnd(44)} ${three(ui)}    ${three(render)}`);
};

await page.evaluate(() => window.quorum.command({ cmd: 'reset', nodes: 9, seed: 1, play: false }));
await click(page, 'tab.network');
report('idle: 9 fresh nodes, paused, Network tab', await measure(page));

const started = Date.now();
const loaded = await page.evaluate((text) => {
  const load = window.quorum.command({ cmd: 'loadScenario', name: 'bench.qs', text });
  return load.ok ? window.quorum.command({ cmd: 'scenarioRun' }) : load;
}, heavyScenario());
if (!loaded.ok) throw new Error(`the bench scenario did not run: ${loaded.error}`);
const state = await page.evaluate(() => window.quorum.state());
console.log(`heavy state built in ${((Date.now() - started) / 1000).toFixed(1)} s: log length ` +
  `${state.nodes[0].logLength}, ${state.events} events (${state.eventsDropped} older dropped), ` +
  `${state.inFlightCount} messages in flight`);

await click(page, 'tab.network');
report('heavy: Network tab (every pending event)', await measure(page));
await click(page, 'tab.logs');
report('heavy: Logs tab (9 logs of 10,001 entries)', await measure(page));
await click(page, 'tab.events');
await click(page, 'events.all');
report('heavy: Events tab, all events', await measure(page));
// The space-time diagram over the whole 100,000-event run. Its first frames
// read the log into its store (5,000 lines a frame): measured apart, first.
await click(page, 'tab.diagram');
await click(page, 'diagram.whole');
report('heavy: Diagram tab, reading the log', await measure(page));
await click(page, 'diagram.whole');
report('heavy: Diagram tab, the whole run', await measure(page));

await browser.close();
await server.close();
