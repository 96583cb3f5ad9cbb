// The workers runner in headless Chromium: every node its own Web Worker,
// messages over BroadcastChannel, durable state in IndexedDB.
//   - the same seed and actions give the in-process runner's trace, byte for byte;
//   - killing workers in the middle of a write burst, a hundred times, breaks
//     no checker and loses no acknowledged write;
//   - a reload brings the cluster back from IndexedDB, acknowledged writes included;
//   - whatever else is posted on the channels is dropped, counted and shown;
//   - a damaged record is a failed disk with its reason, not a silent restart.
import { mkdirSync } from 'node:fs';

import { artifactsDir, clickWidget, expect, nextFrames, test, waitForDashboard } from './fixtures.mjs';

const state = (page) => page.evaluate(() => window.quorum.state());
const command = (page, cmd) => page.evaluate((c) => window.quorum.command(c), cmd);

async function waitForState(page, predicate, arg, timeout = 30_000) {
  await page.waitForFunction(
    ([source, value]) => new Function('s', 'arg', `return (${source})(s, arg)`)(window.quorum.state(), value),
    [predicate.toString(), arg],
    { timeout },
  );
}

async function startWorkers(page, options) {
  const answer = await command(page, { cmd: 'reset', runner: 'workers', play: false, ...options });
  expect(answer).toEqual({ ok: true });
  await waitForState(page, (s) => s.runner.name === 'workers' && s.runner.ready);
}

// Nothing posted to a worker is still unanswered.
const settled = (page) => waitForState(page, (s) => s.runner.name !== 'workers' || (s.runner.ready && s.runner.unsent === 0));

// The same script for both runners, run inside the page: steps (each as soon
// as the workers let the scheduler take it), clients, a kill and a restart
// (once nothing is unsent, so both runners kill at the same point).
function script(page) {
  return page.evaluate(async () => {
    const q = window.quorum;
    const yieldToPage = () => new Promise((resolve) => setTimeout(resolve, 0));
    const settle = async () => {
      for (;;) {
        const { runner } = q.state();
        if (runner.name !== 'workers' || (runner.ready && runner.unsent === 0)) return;
        await yieldToPage();
      }
    };
    const must = (answer, what) => {
      if (!answer.ok) throw new Error(`${what}: ${answer.error}`);
    };
    for (let i = 0; i < 240; i += 1) {
      if (i === 40 || i === 90) must(q.command({ cmd: 'client', op: 'put', key: `k${i}`, value: `${i}` }), 'client');
      if (i === 120) {
        await settle();
        must(q.command({ cmd: 'kill', node: 2 }), 'kill');
      }
      if (i === 170) {
        must(q.command({ cmd: 'restart', node: 2 }), 'restart');
        await settle();
      }
      for (;;) {
        const answer = q.command({ cmd: 'step' });
        if (answer.ok || !answer.error.startsWith('waiting')) break;
        await yieldToPage();
      }
    }
    await settle();
    return q.trace();
  });
}

test('the workers runner gives the in-process trace, byte for byte', async ({ dashboard }) => {
  expect((await command(dashboard, { cmd: 'reset', runner: 'in-process', seed: 11, play: false })).ok).toBe(true);
  const inProcess = await script(dashboard);
  await startWorkers(dashboard, { seed: 11, cluster: 'e2e-trace' });
  const workers = await script(dashboard);
  expect(inProcess.split('\n').length).toBeGreaterThan(300);
  expect(workers).toEqual(inProcess);
  const s = await state(dashboard);
  expect(s.runner.dropped).toEqual({});
  expect(await dashboard.evaluate(() => globalThis.quorumWorkers.liveWorkers())).toBe(5);
});

test('a hundred kills during a write burst: the checkers hold, no acknowledged write is lost', async ({ dashboard }) => {
  test.setTimeout(240_000);
  await startWorkers(dashboard, { seed: 3, cluster: 'e2e-kills' });
  await command(dashboard, { cmd: 'speed', value: 10 });
  await command(dashboard, { cmd: 'play' });
  let written = 0;
  for (let kill = 0; kill < 100; kill += 1) {
    for (let i = 0; i < 3; i += 1) {
      await command(dashboard, { cmd: 'client', op: 'put', key: `k${written % 7}`, value: `${written}` });
      written += 1;
    }
    // Whoever is up, busy or not: the leader every other time.
    const s = await state(dashboard);
    const up = s.nodes.filter((n) => n.up).map((n) => n.id);
    const victim = kill % 2 === 0 && s.leader ? s.leader : up[kill % up.length];
    await nextFrames(dashboard, 1 + (kill % 3));
    expect((await command(dashboard, { cmd: 'kill', node: victim })).ok).toBe(true);
    await nextFrames(dashboard, 1 + (kill % 4));
    expect((await command(dashboard, { cmd: 'restart', node: victim })).ok).toBe(true);
    await waitForState(dashboard, (st) => st.runner.ready);
  }
  await waitForState(dashboard, (s) => s.leader !== null && s.runner.ready, undefined, 60_000);
  const s = await state(dashboard);
  expect(s.violation).toBeNull();
  const dropped = (await dashboard.evaluate(() => window.quorum.trace())).split('\n')
    .filter((line) => line.includes('"why":"unsent"')).length;
  console.log(`${written} writes, ${s.history} operations, ${dropped} unsent messages dropped by kills`);
  expect(s.runner.nodes.every((n) => n.status === 'up')).toBe(true);
});

test('a reload brings the cluster back from IndexedDB with every acknowledged write', async ({ dashboard, site }) => {
  test.setTimeout(120_000);
  await startWorkers(dashboard, { seed: 5, cluster: 'e2e-reload' });
  await command(dashboard, { cmd: 'speed', value: 10 });
  await command(dashboard, { cmd: 'play' });
  await waitForState(dashboard, (s) => s.leader !== null);
  for (let i = 0; i < 12; i += 1) {
    await command(dashboard, { cmd: 'client', op: 'put', key: `r${i}`, value: `v${i}` });
  }
  // Every put answered (the state's `history` counts operations called, not
  // answered: waiting on it raced the answers).
  await dashboard.waitForFunction(
    () => window.quorum.history().filter((op) => op.op === 'put' && op.ok).length >= 12,
    null, { timeout: 60_000 });
  const acknowledged = await dashboard.evaluate(() => window.quorum.history());
  const done = acknowledged.filter((op) => op.ok && op.op === 'put');
  expect(done.length).toBe(12);
  const before = await state(dashboard);
  await nextFrames(dashboard, 40);  // the clock is saved twice a second

  await dashboard.goto(new URL("?cluster=e2e-reload", site).href);
  await waitForDashboard(dashboard);
  const after = await state(dashboard);
  expect(after.runner.name).toBe('workers');
  expect(after.notice).toContain('back from IndexedDB');
  expect(after.t).toBeGreaterThan(before.t / 2);
  await waitForState(dashboard, (s) => s.runner.ready);
  await command(dashboard, { cmd: 'speed', value: 10 });
  await command(dashboard, { cmd: 'play' });
  for (const op of done) {
    await command(dashboard, { cmd: 'client', op: 'get', key: op.key });
  }
  await waitForState(dashboard, (s, count) => s.history >= count, done.length, 60_000);
  await waitForState(dashboard, () => window.quorum.history().every((op) => op.ok !== undefined && op.return !== null), undefined, 60_000);
  const reads = await dashboard.evaluate(() => window.quorum.history());
  for (const op of done) {
    const read = reads.find((r) => r.op === 'get' && r.key === op.key);
    expect(read?.result, `acknowledged put ${op.key}`).toBe(op.value);
  }
});

test('anything else on the channels is dropped, counted and shown', async ({ dashboard, site, context }) => {
  await startWorkers(dashboard, { seed: 8, cluster: 'e2e-garbage' });
  await command(dashboard, { cmd: 'speed', value: 10 });
  await command(dashboard, { cmd: 'play' });
  await waitForState(dashboard, (s) => s.leader !== null);

  // Another page of the same site listens on node 1's channel, records a real
  // input, and posts on every channel: a replay, truncated and mistyped
  // envelopes, another token, an unknown node, plain garbage.
  const other = await context.newPage();
  await other.goto(new URL("favicon.svg", site).href);
  await other.evaluate(async () => {
    const node1 = new BroadcastChannel('quorum/e2e-garbage/node/1');
    const input = await new Promise((resolve) => { node1.onmessage = (event) => resolve(event.data); });
    const scheduler = new BroadcastChannel('quorum/e2e-garbage/scheduler');
    scheduler.postMessage('hello');
    scheduler.postMessage({ kind: 'sent', token: 'not-the-token', node: 1, incarnation: 0, firstSeq: 0, outputs: [] });
    scheduler.postMessage({ kind: 'booted', token: input.token, node: 42, incarnation: 0, loaded: new ArrayBuffer(0) });
    scheduler.postMessage({ kind: 'sent', token: input.token, node: 1, incarnation: 0, firstSeq: 0, outputs: [new ArrayBuffer(3)] });
    node1.postMessage(input);                                     // a replay
    node1.postMessage({ ...input, firstSeq: 1e9 });                // out of order
    node1.postMessage({ ...input, items: [{ nowUs: 0, message: 'not bytes' }] });  // wrong types
    node1.postMessage({ ...input, token: 'x' });                   // another scheduler
    node1.postMessage({ kind: 'inputs' });                         // truncated envelope
  });
  await waitForState(dashboard, (s) => Object.values(s.runner.dropped).reduce((a, b) => a + b, 0) >= 9);
  const s = await state(dashboard);
  console.log(JSON.stringify(s.runner.dropped));
  expect(s.runner.dropped['not an object']).toBe(1);
  expect(s.runner.dropped['from another page or run']).toBe(1);
  expect(s.runner.dropped['unknown node id']).toBe(1);
  expect(Object.keys(s.runner.dropped).some((reason) => reason.includes('replay of input'))).toBe(true);
  expect(Object.keys(s.runner.dropped).some((reason) => reason.includes('out of order'))).toBe(true);
  expect(s.runner.dropped['a worker refused: malformed input']).toBe(1);
  expect(s.runner.dropped['a worker refused: from another scheduler']).toBe(2);
  expect(s.violation).toBeNull();
  // The cluster goes on committing.
  await command(dashboard, { cmd: 'client', op: 'put', key: 'after', value: 'garbage' });
  await waitForState(dashboard, () => window.quorum.history().some((op) => op.key === 'after' && op.ok));
  await other.close();
});

test('a damaged record is a failed disk, shown with its reason', async ({ dashboard }) => {
  await startWorkers(dashboard, { seed: 9, cluster: 'e2e-disk' });
  await command(dashboard, { cmd: 'speed', value: 10 });
  await command(dashboard, { cmd: 'play' });
  await waitForState(dashboard, (s) => s.leader !== null && s.nodes.every((n) => n.up && n.logLength > 0));
  await command(dashboard, { cmd: 'kill', node: 3 });
  await dashboard.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('quorum/e2e-disk/node/3');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const transaction = db.transaction('records', 'readwrite');
      const records = transaction.objectStore('records');
      const get = records.get('raft/state');
      get.onsuccess = () => {
        const bytes = new Uint8Array(get.result);
        bytes[bytes.length - 1] ^= 0x40;
        records.put(bytes.buffer, 'raft/state');
      };
      transaction.oncomplete = () => { db.close(); resolve(); };
    };
  }));
  await command(dashboard, { cmd: 'restart', node: 3 });
  await waitForState(dashboard, (s) => s.runner.nodes[2].status === 'disk failed');
  const s = await state(dashboard);
  expect(s.runner.nodes[2].reason).toBe('record raft/state: checksum mismatch');
  expect(s.nodes[2].up).toBe(false);
  // As a person sees it: S3 drawn as a failed disk, the reason in Setup.
  await command(dashboard, { cmd: 'pause' });
  await clickWidget(dashboard, 'tab.setup');
  await nextFrames(dashboard, 3);
  mkdirSync(artifactsDir, { recursive: true });
  await dashboard.screenshot({ path: `${artifactsDir}/workers-disk-failed.png` });
  // The record is still there, as damaged as it was: nothing was overwritten.
  const still = await dashboard.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('quorum/e2e-disk/node/3');
    open.onsuccess = () => {
      const get = open.result.transaction('records').objectStore('records').get('raft/state');
      get.onsuccess = () => { open.result.close(); resolve(get.result.byteLength); };
    };
  }));
  expect(still).toBeGreaterThan(5);
});

test('without IndexedDB the disks live in the page, and the page says so', async ({ page, site }) => {
  // A browser that refuses IndexedDB, as private windows and full disks may.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('refused', 'SecurityError'); } });
  });
  await page.goto(site);
  await waitForDashboard(page);
  await startWorkers(page, { seed: 4, cluster: 'e2e-memory' });
  let s = await state(page);
  expect(s.runner.storage).toBe('memory');
  expect(s.notice).toContain('IndexedDB is not available');
  await command(page, { cmd: 'speed', value: 10 });
  await command(page, { cmd: 'play' });
  await waitForState(page, (st) => st.leader !== null && st.nodes.every((n) => n.up && n.logLength > 0));
  await command(page, { cmd: 'pause' });
  await settled(page);
  const follower = (await state(page)).nodes.find((n) => n.role === 'follower').id;
  const length = (await state(page)).nodes[follower - 1].logLength;
  await command(page, { cmd: 'kill', node: follower });
  await command(page, { cmd: 'restart', node: follower });
  await waitForState(page, (st) => st.runner.ready);
  s = await state(page);
  // Back from the page's memory: its log survived the worker.
  expect(s.nodes[follower - 1].up).toBe(true);
  expect(s.nodes[follower - 1].logLength).toBeGreaterThanOrEqual(length);
});

test('a second tab hosts some nodes; closing it crashes them', async ({ dashboard, site, context }) => {
  const joined = await context.newPage();
  await joined.goto(new URL('?join=4,5&cluster=e2e-join', site).href);
  await expect(joined.locator('#join-title')).toContainText('hosting nodes 4, 5');
  await startWorkers(dashboard, { seed: 2, cluster: 'e2e-join' });
  expect(await dashboard.evaluate(() => globalThis.quorumWorkers.remoteNodes())).toEqual([4, 5]);
  expect(await dashboard.evaluate(() => globalThis.quorumWorkers.liveWorkers())).toBe(3);
  await expect(joined.locator('#join-running')).toContainText('S4, S5');
  await command(dashboard, { cmd: 'speed', value: 10 });
  await command(dashboard, { cmd: 'play' });
  await waitForState(dashboard, (s) => s.leader !== null && s.nodes.every((n) => n.up && n.commitIndex > 0));

  await joined.close({ runBeforeUnload: true });
  await waitForState(dashboard, (s) => !s.nodes[3].up && !s.nodes[4].up);
  const s = await state(dashboard);
  expect(s.notice).toContain('was closed');
  // The majority (1, 2, 3) goes on; restarted, 4 and 5 come back in this tab.
  await command(dashboard, { cmd: 'restart', node: 4 });
  await command(dashboard, { cmd: 'restart', node: 5 });
  await waitForState(dashboard, (st) => st.runner.ready && st.nodes.every((n) => n.up));
  expect(await dashboard.evaluate(() => globalThis.quorumWorkers.liveWorkers())).toBe(5);
});
