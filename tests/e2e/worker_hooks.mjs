// Test hooks for the node workers, injected by Playwright and by nothing else.
//
// installWorkerHooks(page, options) routes the page's requests for store.js
// (web/store.js, which every node worker imports) and serves the file with
// HOOKS appended. The shipped site never contains a line of this: the hooks
// exist only in the bytes this route hands to a browser under test, so no
// URL, flag or build of the shipped page can reach them.
//
// What they do, in a node worker only (the page imports store.js too, and
// there they do nothing):
//   - hold: on {kind: 'hold', node} (BroadcastChannel HOOKS_CHANNEL), that
//     node's next IndexedDB transaction gets its writes and is then kept open
//     (a chain of reads) until {kind: 'release', node} or until the worker is
//     terminated; {kind: 'holding', node, bytes} says it is there. Killing the
//     node then terminates it between the write and the transaction's
//     `complete`: exactly the crash the persistence rule is about.
//   - applied?: on {kind: 'applied?', node}, that node's worker answers
//     {kind: 'applied', node, state} with what its own WebAssembly instance
//     has applied (quorum_node_applied_json: {applied, values}), read from
//     the instance itself, not from the page's mirror of it. The route of
//     quorum_node.js hands the instance to the hooks (globalThis.quorumTestNode).
//   - skipPersistBeforeSend (QUORUM_E2E_BREAK=persist-before-send): the broken
//     switch. NodeStore.commit resolves at once and the transaction runs
//     behind it, so web/node_worker.js posts an input's messages before its
//     writes are durable. The hundred-kills test must fail with it
//     (tests/CMakeLists.txt, e2e.workers.broken_persist_before_send).
export const HOOKS_CHANNEL = 'quorum-test/worker-hooks';

const HOOKS = (skipPersistBeforeSend) => `
// ---- Test hooks appended by tests/e2e/worker_hooks.mjs (Playwright); not part of web/store.js.
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  const control = new BroadcastChannel(${JSON.stringify(HOOKS_CHANNEL)});
  let hookNode = null;
  let hold = false;
  let release = null;
  control.onmessage = ({ data }) => {
    if (data?.node !== hookNode) return;
    if (data.kind === 'applied?') {
      const instance = globalThis.quorumTestNode;
      const text = instance ? instance.UTF8ToString(instance._quorum_node_applied_json()) : 'null';
      control.postMessage({ kind: 'applied', node: hookNode, state: JSON.parse(text) });
    }
    if (data.kind === 'hold') hold = true;
    if (data.kind === 'release') {
      hold = false;
      release?.();
      release = null;
    }
  };
  const open = NodeStore.open;
  NodeStore.open = async function (cluster, node) {
    hookNode = node;
    return open.call(this, cluster, node);
  };
  const commit = NodeStore.prototype.commit;
  // The real commit, held open when asked: its requests are made before its
  // first await, so the transaction it opened already holds the writes.
  async function heldCommit(store, batchBytes) {
    if (!hold || batchBytes.byteLength === 0) return commit.call(store, batchBytes);
    const transaction = store.db.transaction.bind(store.db);
    let opened = null;
    store.db.transaction = (...args) => (opened = transaction(...args));
    const done = commit.call(store, batchBytes);
    store.db.transaction = transaction;
    let released = false;
    const objects = opened.objectStore(RECORDS);
    const keepOpen = () => {
      if (!released) objects.count().onsuccess = keepOpen;
    };
    keepOpen();
    control.postMessage({ kind: 'holding', node: hookNode, bytes: batchBytes.byteLength });
    await new Promise((resolve) => { release = resolve; });
    released = true;
    return done;
  }
  let behind = Promise.resolve();
  NodeStore.prototype.commit = ${skipPersistBeforeSend}
    ? function (batchBytes) {
      behind = behind.then(() => heldCommit(this, batchBytes)).catch(() => {});
      return Promise.resolve();
    }
    : function (batchBytes) { return heldCommit(this, batchBytes); };
}
`;

// Replaces quorum_node.js's default export (Emscripten's factory) by one that
// keeps the instance it makes where the hooks above find it.
const EXPORTED_FACTORY = 'export default createQuorumNode;';
const NODE_HOOK = `
// ---- Test hook appended by tests/e2e/worker_hooks.mjs (Playwright); not part of quorum_node.js.
const createHookedQuorumNode = async (...args) => {
  const instance = await createQuorumNode(...args);
  globalThis.quorumTestNode = instance;
  return instance;
};
export default createHookedQuorumNode;
`;

// Serves `pattern` with its body rewritten by `rewrite`. A worker killed
// while it loads a file drops the request (read ECONNRESET, or a route that
// can no longer be fulfilled): nobody waits for that file any more, so it is
// let go; a worker that really cannot load it never boots, which the tests
// see (runner.ready).
async function rewriteRoute(page, pattern, rewrite) {
  await page.route(pattern, async (route) => {
    let body;
    let response;
    try {
      response = await route.fetch();
      body = await response.text();
    } catch {
      await route.abort().catch(() => {});
      return;
    }
    const rewritten = rewrite(body);
    await route.fulfill({ response, body: rewritten }).catch(() => {});
  });
}

export async function installWorkerHooks(page, { skipPersistBeforeSend = false } = {}) {
  let served = 0;
  await rewriteRoute(page, '**/quorum_node.js', (body) => {
    if (!body.includes(EXPORTED_FACTORY)) throw new Error('quorum_node.js no longer exports its factory: update the hooks');
    return body.replace(EXPORTED_FACTORY, () => NODE_HOOK);
  });
  await rewriteRoute(page, '**/store.js', (body) => {
    if (!body.includes('export class NodeStore')) throw new Error('store.js no longer has NodeStore: update the hooks');
    served += 1;
    return body + HOOKS(skipPersistBeforeSend);
  });
  return { served: () => served };
}

// The switch named by QUORUM_E2E_BREAK, for the CTest that must see the kills test fail.
export const brokenRule = process.env.QUORUM_E2E_BREAK ?? null;
