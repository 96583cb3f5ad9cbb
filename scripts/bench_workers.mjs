// The workers runner's benchmark, in headless Chromium (issue 6):
//   1. committed entries per second, 5-node Raft, every node a Web Worker
//      writing to IndexedDB, the scheduler running as fast as the workers go,
//      with enough clients outstanding to keep the leader's batches full;
//   2. time from killing the leader to a new leader committing, in virtual
//      and in wall time;
//   3. time to bring back a 5-node cluster with 10,000 log entries after a
//      page reload (until every node is up again).
//
//   node scripts/bench_workers.mjs [build/web/site]
// (./quorum build web first). Prints a Markdown table for the README.
import { chromium } from '@playwright/test';

import { startStaticServer } from '../tests/e2e/static-server.mjs';
import config from '../tests/e2e/playwright.config.mjs';

const siteDir = process.argv[2] ?? 'build/web/site';
const server = await startStaticServer(siteDir);
const browser = await chromium.launch(config.use.launchOptions);
const page = await browser.newPage({ viewport: config.use.viewport });

const command = (cmd) => page.evaluate((c) => window.quorum.command(c), cmd);
const state = () => page.evaluate(() => window.quorum.state());
const waitFor = (source, arg, timeout = 600_000) => page.waitForFunction(
  ([body, value]) => new Function('s', 'arg', `return (${body})(s, arg)`)(window.quorum.state(), value),
  [source.toString(), arg], { timeout, polling: 50 });

async function ready(cluster) {
  await page.goto(new URL(`?cluster=${cluster}`, server.url).href);
  await page.waitForFunction(() => window.quorum?.ready === true, null, { timeout: 60_000 });
}

// Keeps `outstanding` client puts in flight and the clock running far ahead.
async function load(outstanding) {
  await page.evaluate((target) => {
    window.benchLoad = setInterval(() => {
      const waiting = window.quorum.state().clientsWaiting;
      for (let i = waiting; i < target; i += 1) {
        window.quorum.command({ cmd: 'client', op: 'put', key: `k${i % 16}`, value: 'x' });
      }
      window.quorum.command({ cmd: 'run', ms: 50 });
    }, 20);
  }, outstanding);
}
const stopLoad = () => page.evaluate(() => clearInterval(window.benchLoad));
const leaderCommit = (s) => (s.leader ? s.nodes[s.leader - 1].commitIndex : 0);

const rows = [];
const report = (name, value) => {
  rows.push([name, value]);
  console.error(`${name}: ${value}`);
};
await ready('bench');
await command({ cmd: 'reset', runner: 'workers', cluster: 'bench', seed: 1, play: false });
await waitFor((s) => s.runner.ready);
await command({ cmd: 'run', ms: 2000 });
await waitFor((s) => s.leader !== null);

// 1. Throughput.
await load(256);
await page.waitForTimeout(2000);  // warm up: batches fill, workers compile
let before = await state();
let started = Date.now();
await page.waitForTimeout(10_000);
let after = await state();
const seconds = (Date.now() - started) / 1000;
const perSecond = (leaderCommit(after) - leaderCommit(before)) / seconds;
report('Committed entries per second, 5-node Raft, workers + IndexedDB (strict)', perSecond.toFixed(0));

// 2. Kill the leader under load: a new leader that commits.
before = await state();
const oldLeader = before.leader;
started = Date.now();
await command({ cmd: 'kill', node: oldLeader });
const base = Math.max(...before.nodes.map((n) => n.commitIndex ?? 0));
await waitFor((s, [old, committed]) => s.leader !== null && s.leader !== old &&
  s.nodes[s.leader - 1].commitIndex > committed, [oldLeader, base]);
after = await state();
report('Leader killed to a new leader committing: virtual time', `${((after.t - before.t) / 1000).toFixed(0)} ms`);
report('Leader killed to a new leader committing: wall time', `${Date.now() - started} ms`);
await command({ cmd: 'restart', node: oldLeader });
await waitFor((s) => s.runner.ready);

// 3. Grow the log to 10,000 entries, then reload.
await waitFor((s) => s.nodes.every((n) => n.up && n.logLength >= 10_000));
await stopLoad();
await waitFor((s) => s.runner.ready && s.nodes.every((n) => n.up));
const entries = Math.min(...(await state()).nodes.map((n) => n.logLength));
await page.waitForTimeout(1000);  // the clock is saved twice a second
started = Date.now();
await page.reload();
await page.waitForFunction(() => window.quorum?.ready === true, null, { timeout: 60_000 });
await waitFor((s) => s.runner.ready && s.nodes.every((n) => n.up));
report(`Reload to every node back up, 5 nodes x ${entries} entries`, `${Date.now() - started} ms`);

console.log('| measure | value |\n|---|---|');
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
await browser.close();
await server.close();
