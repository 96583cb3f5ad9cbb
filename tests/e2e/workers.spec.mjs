// The workers runner in headless Chromium: every node its own Web Worker,
// messages over BroadcastChannel, durable state in IndexedDB.
//   - the same seed and actions give the in-process runner's trace, byte for byte;
//   - killing workers in the middle of a write burst, a hundred times (the
//     leader, followers, a worker between its IndexedDB writes and their
//     `complete`, the whole cluster at once), breaks no checker and loses no
//     acknowledged write: each is read back through the protocol and found in
//     every node's applied state, as the page's mirror has it and as each
//     worker's own WebAssembly instance answers when asked (the two must be
//     equal), and the client history is linearizable (quorum-sim check;
//     inconclusive fails). A worker whose output differs from the page's
//     mirror fails the test. With the persistence rule broken
//     by a hook only Playwright injects (worker_hooks.mjs,
//     QUORUM_E2E_BREAK=persist-before-send) the test fails: CTest's
//     e2e.workers.broken_persist_before_send requires it;
//   - a reload brings the cluster back from IndexedDB, every acknowledged
//     write read back after it;
//   - whatever else is posted on the channels is dropped, counted and shown;
//   - a damaged record is a failed disk with its reason, not a silent restart,
//     and every stored byte is as the damage left it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

import { artifactsDir, clickWidget, expect, nextFrames, test, waitForDashboard, widget } from './fixtures.mjs';
import { HOOKS_CHANNEL, brokenRule, installWorkerHooks } from './worker_hooks.mjs';

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

// quorum-sim check over the page's trace and client history (QUORUM_SIM_JS:
// the wasm quorum-sim, which ctest passes): the checkers over the trace, and
// the history linearizable; inconclusive fails.
function checkHistory(trace, history, name) {
  const sim = process.env.QUORUM_SIM_JS;
  if (!sim) throw new Error('QUORUM_SIM_JS is not set: run the tests through ctest (./quorum test)');
  mkdirSync(artifactsDir, { recursive: true });
  const tracePath = `${artifactsDir}/${name}-trace.jsonl`;
  const historyPath = `${artifactsDir}/${name}-history.jsonl`;
  writeFileSync(tracePath, trace);
  writeFileSync(historyPath, history.map((op) => JSON.stringify(op)).join('\n') + '\n');
  const result = spawnSync(process.execPath, ['--no-experimental-fetch', sim, 'check', tracePath, '--history', historyPath],
    { encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout}${result.stderr}`.trim();
  expect(result.status, `quorum-sim check: ${output}`).toBe(0);
  expect(output, 'the history is shown linearizable').toMatch(/: linearizable \(/);
  expect(output, 'an inconclusive verdict fails').not.toContain('inconclusive');
  return output.slice(output.lastIndexOf(': linearizable') + 2);
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

// ---- The hundred kills: what was acknowledged, read back three ways.

// The client history's acknowledged puts to keys written once (w*, cut*):
// key -> value.
const acknowledgedPuts = (history) => new Map(history
  .filter((op) => op.op === 'put' && op.ok && op.return !== null && /^(w|cut)\d+$/.test(op.key))
  .map((op) => [op.key, op.value]));

// Every node's applied state from the trace: the `apply` lines since its
// last restart (a restarted node applies its log again from the start).
// They are the page's mirror of each node, which restarts from exactly the
// records its worker loaded from IndexedDB and whose every output the
// worker's matched byte for byte (nothingWrong). The worker's own state
// machine is asked separately (askWorkers) and compared with this.
function appliedStates(trace, nodes) {
  const states = new Map();
  for (let node = 1; node <= nodes; node += 1) states.set(node, new Map());
  for (const line of trace.split('\n')) {
    if (!line.includes('"ev":"apply"') && !line.includes('"ev":"restart"')) continue;
    const event = JSON.parse(line);
    if (event.ev === 'restart') {
      states.set(event.node, new Map());
      continue;
    }
    const [verb, key, ...rest] = event.cmd.split(' ');
    const kv = states.get(event.node);
    if (verb === 'put') kv.set(key, rest.join(' '));
    if (verb === 'append') kv.set(key, (kv.get(key) ?? '') + rest.join(' '));
  }
  return states;
}

// The cluster is whole again: every node up and booted, a leader, no client
// waiting, and every node has applied what the leader committed.
async function healed(page, what) {
  await waitForState(page, (s) => s.violation !== null || (s.runner.ready && s.leader !== null
    && s.nodes.every((n) => n.up) && s.clientsWaiting === 0
    && s.nodes.every((n) => n.lastApplied === s.nodes[s.leader - 1].commitIndex)),
  undefined, 90_000).catch((error) => { throw new Error(`not healed ${what}: ${error.message}`); });
  const s = await state(page);
  expect(s.violation, `a checker failed ${what}`).toBeNull();
  return s;
}

// Reads every acknowledged put back through the protocol (a client get per
// key) and requires its value.
async function readBack(page, what) {
  await healed(page, what);
  const acknowledged = acknowledgedPuts(await page.evaluate(() => window.quorum.history()));
  const from = (await page.evaluate(() => window.quorum.history())).length;
  for (const key of acknowledged.keys()) {
    expect((await command(page, { cmd: 'client', op: 'get', key })).ok).toBe(true);
  }
  await page.waitForFunction(([start, count]) => window.quorum.history().slice(start)
    .filter((op) => op.op === 'get' && op.return !== null).length >= count,
  [from, acknowledged.size], { timeout: 90_000 });
  const reads = (await page.evaluate(() => window.quorum.history())).slice(from);
  for (const [key, value] of acknowledged) {
    const read = reads.find((op) => op.op === 'get' && op.key === key);
    expect(read?.result, `acknowledged put ${key}=${value} lost ${what} (read back through the protocol)`)
      .toBe(value);
  }
  return acknowledged.size;
}

// Fails at once on what must never happen: a checker's violation, a worker
// whose output differs from the page's mirror, a worker refusing an input.
async function nothingWrong(page, what) {
  const s = await state(page);
  expect(s.violation, `a checker failed ${what}`).toBeNull();
  const wrong = Object.keys(s.runner.dropped)
    .filter((reason) => reason.includes('differs from the mirror') || reason.startsWith('a worker refused'));
  expect(wrong, `${what}: ${JSON.stringify(s.runner.dropped)}`).toEqual([]);
}

test('a hundred kills during a write burst: the checkers hold, no acknowledged write is lost', async ({ dashboard }) => {
  test.setTimeout(600_000);
  const hooks = await installWorkerHooks(dashboard, { skipPersistBeforeSend: brokenRule === 'persist-before-send' });
  if (brokenRule) console.log(`broken switch on: ${brokenRule}`);
  await startWorkers(dashboard, { seed: 3, cluster: 'e2e-kills' });
  expect(hooks.served(), 'the workers loaded the hooked store.js').toBeGreaterThanOrEqual(5);
  await command(dashboard, { cmd: 'speed', value: 10 });
  await command(dashboard, { cmd: 'play' });
  await dashboard.evaluate((name) => {
    window.holding = new Set();
    window.hooks = new BroadcastChannel(name);
    window.hooks.onmessage = ({ data }) => { if (data?.kind === 'holding') window.holding.add(data.node); };
  }, HOOKS_CHANNEL);
  const hook = (kind, node) => dashboard.evaluate(([k, n]) => window.hooks.postMessage({ kind: k, node: n }), [kind, node]);
  // Each worker's own applied state, read from its WebAssembly instance
  // (worker_hooks.mjs, 'applied?'): node -> {applied, values}.
  const askWorkers = async (nodes) => {
    await dashboard.evaluate((ns) => {
      window.answers = new Map();
      window.hooks.addEventListener('message', ({ data }) => {
        if (data?.kind === 'applied') window.answers.set(data.node, data.state);
      });
      for (const n of ns) window.hooks.postMessage({ kind: 'applied?', node: n });
    }, nodes);
    await dashboard.waitForFunction((count) => window.answers.size >= count, nodes.length, { timeout: 10_000 })
      .catch(() => {});
    return new Map(Object.entries(await dashboard.evaluate(() => Object.fromEntries(window.answers)))
      .map(([node, answer]) => [Number(node), answer]));
  };
  const isHolding = (node) => dashboard.evaluate((n) => window.holding.has(n), node);
  const put = async (key, value) =>
    expect((await command(dashboard, { cmd: 'client', op: 'put', key, value })).ok).toBe(true);

  // The page keeps the newest 100 000 trace lines; a run this long makes
  // more, so the test takes the new ones as they come and keeps them all.
  const traceLines = [];
  const collectTrace = async () => {
    const fresh = await dashboard.evaluate((have) => {
      const from = have - window.quorum.state().eventsDropped;
      if (from < 0) return null;
      return window.quorum.trace().split('\n').filter(Boolean).slice(from);
    }, traceLines.length);
    expect(fresh, 'the test kept up with the trace').not.toBeNull();
    traceLines.push(...fresh);
  };
  const kills = { leader: 0, follower: 0, midTransaction: 0, wholeCluster: 0 };
  let written = 0;
  let checkpoints = 0;
  // Every node dies mid-transaction at once (a power cut of the whole
  // cluster, as far as a page can have one): hold every node's next
  // transaction, write, give the write time to be acknowledged (it cannot
  // be, unless a worker sends before its writes are durable), kill them all.
  const wholeCluster = async () => {
    await waitForState(dashboard, (st) => st.leader !== null && st.runner.ready);
    const s = await state(dashboard);
    const up = s.nodes.filter((n) => n.up).map((n) => n.id);
    await dashboard.evaluate(() => window.holding.clear());
    for (const node of up) await hook('hold', node);
    const key = `cut${written}`;
    await put(key, `${written}`);
    written += 1;
    // Until the leader holds the write's transaction open, then thirty
    // frames: a worker that sends before its writes are durable has the
    // write acknowledged by then; a correct one never can while held.
    await dashboard.waitForFunction(([leader, k]) => window.holding.has(leader)
      || window.quorum.history().some((op) => op.key === k && op.return !== null), [s.leader, key], { timeout: 60_000 })
      .catch(() => {});
    await nextFrames(dashboard, 30);
    for (const node of up) {
      if (await isHolding(node)) kills.midTransaction += 1;
      expect((await command(dashboard, { cmd: 'kill', node })).ok).toBe(true);
    }
    kills.wholeCluster += 1;
    for (const node of up) expect((await command(dashboard, { cmd: 'restart', node })).ok).toBe(true);
    await waitForState(dashboard, (st) => st.runner.ready);
    await collectTrace();
    // The first time, read everything back at once (the broken switch fails
    // here); later ones are read back at the end with the rest.
    if (kills.wholeCluster === 1) {
      await readBack(dashboard, 'after the whole cluster died mid-transaction');
      checkpoints += 1;
      await collectTrace();
    }
  };

  let killed = 0;
  const started = Date.now();
  for (let round = 0; killed < 100; round += 1) {
    if (round === 0 || round === 45) {
      await wholeCluster();
      killed += 5;
      continue;
    }
    // The leader every other time, a follower otherwise; every third kill
    // in the middle of the victim's IndexedDB transaction (held from before
    // the round's writes, so that they are what it holds).
    const s = await state(dashboard);
    const up = s.nodes.filter((n) => n.up).map((n) => n.id);
    const followers = up.filter((n) => n !== s.leader);
    const victim = round % 2 === 0 && s.leader ? s.leader : followers[round % followers.length];
    const midTransaction = round % 3 === 1;
    if (midTransaction) await hook('hold', victim);
    // Two writes to keys written once, one to a key shared with other
    // rounds, one read of another shared key.
    await put(`w${written}`, `${written}`);
    await put(`w${written + 1}`, `${written + 1}`);
    await put(`s${round % 5}`, `${written + 2}`);
    written += 3;
    expect((await command(dashboard, { cmd: 'client', op: 'get', key: `s${(round + 2) % 5}` })).ok).toBe(true);
    if (midTransaction) {
      await dashboard.waitForFunction((n) => window.holding.has(n), victim, { timeout: 5_000 }).catch(() => {});
      if (await isHolding(victim)) kills.midTransaction += 1;
      await dashboard.evaluate((n) => window.holding.delete(n), victim);
    } else {
      await nextFrames(dashboard, 1 + (round % 3));
    }
    expect((await command(dashboard, { cmd: 'kill', node: victim })).ok).toBe(true);
    killed += 1;
    kills[victim === s.leader ? 'leader' : 'follower'] += 1;
    await nextFrames(dashboard, 1 + (round % 4));
    expect((await command(dashboard, { cmd: 'restart', node: victim })).ok).toBe(true);
    await waitForState(dashboard, (st) => st.runner.ready);
    await nothingWrong(dashboard, `after kill ${killed}`);
    if (round % 2 === 0) await collectTrace();
    if (round % 10 === 0) console.log(`round ${round}: ${killed} kills ${JSON.stringify(kills)}, ${Date.now() - started} ms`);
  }

  // Healed: every acknowledged put read back through the protocol ...
  await collectTrace();
  const checked = await readBack(dashboard, 'after the hundred kills');
  await nothingWrong(dashboard, 'at the end');
  // Still, so that what the mirror and the workers hold can be compared.
  await command(dashboard, { cmd: 'pause' });
  await settled(dashboard);
  const s = await state(dashboard);
  // ... found in every node's applied state ...
  await collectTrace();
  expect(traceLines[0], 'the trace from its first line').toContain('"ev":"cluster"');
  const trace = `${traceLines.join('\n')}\n`;
  const history = await dashboard.evaluate(() => window.quorum.history());
  const acknowledged = acknowledgedPuts(history);
  const applied = appliedStates(trace, s.nodes.length);
  for (const [node, kv] of applied) {
    for (const [key, value] of acknowledged) {
      expect(kv.get(key), `acknowledged put ${key}=${value} missing from node ${node}'s applied state`).toBe(value);
    }
    expect(Object.fromEntries(kv), `node ${node}'s applied state differs from node 1's`)
      .toEqual(Object.fromEntries(applied.get(1)));
  }
  // ... and in each worker's own state machine, as the worker answers.
  const answers = await askWorkers(s.nodes.map((n) => n.id));
  for (const n of s.nodes) {
    const answer = answers.get(n.id);
    expect(answer, `worker ${n.id} answered what it applied`).toBeTruthy();
    expect(answer.applied, `worker ${n.id} applied as far as the page's mirror of it`).toBe(n.lastApplied);
    for (const [key, value] of acknowledged) {
      expect(answer.values[key], `acknowledged put ${key}=${value} missing from worker ${n.id}'s own state`).toBe(value);
    }
    expect(answer.values, `worker ${n.id}'s own state differs from the page's mirror of it`)
      .toEqual(Object.fromEntries(applied.get(n.id)));
  }
  await command(dashboard, { cmd: 'play' });
  // ... and the client history linearizable (inconclusive fails).
  const verdict = checkHistory(trace, history, 'workers-kills');
  const dropped = trace.split('\n').filter((line) => line.includes('"why":"unsent"')).length;
  console.log(`kills: ${JSON.stringify(kills)} (${killed} in all); ${written} writes, ` +
    `${checked} acknowledged puts read back (${checkpoints + 1} times) and found on all ` +
    `${applied.size} nodes, in the mirror and in each worker's own state (${answers.size} workers asked); ` +
    `${history.length} operations: ${verdict}; ` +
    `${dropped} unsent messages dropped by kills; channel drops ${JSON.stringify(s.runner.dropped)}`);
  expect(kills.leader).toBeGreaterThan(10);
  expect(kills.follower).toBeGreaterThan(10);
  expect(kills.midTransaction).toBeGreaterThan(10);
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
  const from = (await dashboard.evaluate(() => window.quorum.history())).length;
  for (const op of done) {
    expect((await command(dashboard, { cmd: 'client', op: 'get', key: op.key })).ok).toBe(true);
  }
  // Answered reads, not started ones.
  await dashboard.waitForFunction(([start, count]) => window.quorum.history().slice(start)
    .filter((op) => op.op === 'get' && op.return !== null).length >= count,
  [from, done.length], { timeout: 60_000 });
  const reads = (await dashboard.evaluate(() => window.quorum.history())).slice(from);
  for (const op of done) {
    const read = reads.find((r) => r.op === 'get' && r.key === op.key && r.return !== null);
    expect(read?.ok, `the read of ${op.key} after the reload`).toBe(true);
    expect(read?.result, `acknowledged put ${op.key}=${op.value} after the reload`).toBe(op.value);
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
  // Every record of node 3, as hex: [[key, hex], ...] in key order.
  const records = () => dashboard.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('quorum/e2e-disk/node/3');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const objects = open.result.transaction('records').objectStore('records');
      const keys = objects.getAllKeys();
      const values = objects.getAll();
      values.onsuccess = () => {
        open.result.close();
        const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
        resolve(keys.result.map((key, i) => [key, hex(values.result[i])]));
      };
    };
  }));
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
  const damaged = await records();
  expect(damaged.map(([key]) => key)).toContain('raft/state');
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
  // Every record is still there, byte for byte as the damage left it: the
  // failed worker overwrote nothing, deleted nothing, added nothing.
  expect(await records()).toEqual(damaged);
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

test('a tab that joins a running cluster takes its nodes without a kill, and both tabs show where they run', async ({ dashboard, context }) => {
  // The cluster starts by clicks, every node in this tab ("default", as ?join's default).
  await clickWidget(dashboard, 'tab.setup');
  await nextFrames(dashboard, 3);
  await clickWidget(dashboard, 'setup.workers');
  await nextFrames(dashboard, 2);
  await clickWidget(dashboard, 'setup.apply');
  await nextFrames(dashboard, 5);  // the confirmation pops up, sized in its first frame
  await clickWidget(dashboard, 'setup.confirmWipe');
  await waitForState(dashboard, (s) => s.runner.name === 'workers' && s.runner.ready);
  expect(await dashboard.evaluate(() => globalThis.quorumWorkers.liveWorkers())).toBe(5);
  await clickWidget(dashboard, 'button.speed.10x');
  if (!(await state(dashboard)).playing) await clickWidget(dashboard, 'button.play');
  await waitForState(dashboard, (s) => s.leader !== null && s.nodes.every((n) => n.up));

  // The join tab opens while the cluster runs: nodes 4 and 5 move there,
  // restarted from their disks, with no kill from anyone.
  const joined = await context.newPage();
  await joined.goto(new URL('?join=4,5', dashboard.url()).href);
  const host = await joined.evaluate(() => window.quorum.joined.host);
  await expect(joined.locator('#join-running')).toContainText('Running here now: S4, S5.');
  await waitForState(dashboard, (s, id) => s.runner.ready && [3, 4].every((i) =>
    s.runner.nodes[i].host === id && s.runner.nodes[i].status === 'up' && s.nodes[i].up), host);
  let s = await state(dashboard);
  expect(s.runner.nodes.slice(0, 3).map((n) => n.host)).toEqual(['', '', '']);
  expect(s.notice).toContain('A tab offered to host nodes 4 and 5');
  expect(await dashboard.evaluate(() => globalThis.quorumWorkers.liveWorkers())).toBe(3);

  // The main tab says where: the Inspector of node 4 names the join tab.
  await clickWidget(dashboard, 'node.4');
  await nextFrames(dashboard, 3);
  expect(await widget(dashboard, 'inspector.host')).not.toBeNull();
  mkdirSync(artifactsDir, { recursive: true });
  await dashboard.screenshot({ path: `${artifactsDir}/workers-joined-main.png` });

  // The join tab shows its nodes' state, as the scheduler sees it.
  await expect(joined.locator('#join-nodes li[data-node="4"]')).toContainText('S4: up, here');
  await expect(joined.locator('#join-nodes li[data-node="5"]')).toContainText('S5: up, here');
  await expect(joined.locator('#join-nodes li[data-node="4"]')).toContainText('role');
  await joined.screenshot({ path: `${artifactsDir}/workers-joined-tab.png` });

  // The cluster goes on with two of its nodes there: commits reach them.
  await waitForState(dashboard, (st) => st.nodes[3].up && st.nodes[3].commitIndex > 0 && st.nodes[4].commitIndex > 0);

  // Closing the join tab crashes both, and the notice names both.
  await joined.close({ runBeforeUnload: true });
  await waitForState(dashboard, (st) => !st.nodes[3].up && !st.nodes[4].up);
  s = await state(dashboard);
  expect(s.notice).toContain('The tab that hosted nodes 4 and 5 was closed: they crashed.');
});
