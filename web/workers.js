// The page's side of the workers runner (shell/dashboard/workers_runner.hpp):
// starts and terminates node workers, posts the scheduler's inputs on each
// node's channel, and hands every report that passes web/channel.js's checks
// to the dashboard's wasm (Module._quorum_worker_*). Anything else is dropped
// and counted there by reason.
import { checkReport, hostsChannelName, nodeChannelName, schedulerChannelName } from './channel.js';
import { MemoryDisk, indexedDbWorks, saveMeta, wipeCluster } from './store.js';

let cluster = null;
let token = null;
let nodeCount = 0;
let scheduler = null;
const nodeChannels = new Map();  // node id -> BroadcastChannel
const workers = new Map();       // node id -> Worker
let metaWrite = Promise.resolve();
// Null while IndexedDB works; otherwise every node's disk, kept in this page.
let memoryDisks = null;
// Nodes that other tabs offered to host (?join, web/join.js): node -> host id.
let hosts = null;
const remoteNodes = new Map();
// Inputs made in this turn of the event loop, not posted yet: node -> envelope.
const pendingInputs = new Map();
let flushQueued = false;

function flushInputs() {
  flushQueued = false;
  for (const [node, batch] of pendingInputs) nodeChannels.get(node)?.postMessage(batch);
  pendingInputs.clear();
}

function wasm() {
  return globalThis.Module;
}

function withBytes(buffer, use) {
  const bytes = new Uint8Array(buffer);
  const pointer = wasm()._malloc(Math.max(1, bytes.byteLength));
  wasm().HEAPU8.set(bytes, pointer);
  try {
    use(pointer, bytes.byteLength);
  } finally {
    wasm()._free(pointer);
  }
}

function withString(text, use) {
  const size = wasm().lengthBytesUTF8(text) + 1;
  const pointer = wasm()._malloc(size);
  wasm().stringToUTF8(text, pointer, size);
  try {
    use(pointer);
  } finally {
    wasm()._free(pointer);
  }
}

function dropped(reason) {
  withString(reason, (pointer) => wasm()._quorum_worker_dropped(pointer));
}

function report(data) {
  const why = checkReport(data, token, nodeCount);
  if (why) {
    dropped(why);
    return;
  }
  const { node, incarnation } = data;
  switch (data.kind) {
    case 'booted':
      withBytes(data.loaded, (pointer, size) => wasm()._quorum_worker_booted(node, incarnation, pointer, size));
      break;
    case 'sent':
      data.outputs.forEach((output, i) => withBytes(output, (pointer, size) =>
        wasm()._quorum_worker_sent(node, incarnation, data.firstSeq + i, pointer, size)));
      break;
    case 'disk-failed':
      withString(data.reason, (pointer) => wasm()._quorum_worker_disk_failed(node, incarnation, pointer));
      break;
    case 'rejected':
      withString(data.reason, (pointer) => wasm()._quorum_worker_rejected(node, incarnation, pointer));
      break;
  }
}

// Node ids as the bit mask the wasm takes (bit n: node n), so one call (and
// one notice) covers every node a tab offers or takes away.
const maskOf = (nodes) => nodes.reduce((mask, node) => mask | (1 << node), 0);
const isNodeId = (node) => Number.isInteger(node) && node >= 1 && node <= nodeCount;

// A tab offers to host nodes: they run there from their next start, and
// those running here now move (the wasm restarts them there from their
// disks). A tab that hosts nodes is closing: its nodes crash.
function onHostsMessage({ data }) {
  if (typeof data?.host !== 'string' || !Array.isArray(data.nodes)) return;
  const nodes = data.nodes.filter(isNodeId);
  if (data.kind === 'offer') {
    if (memoryDisks !== null) return;  // the disks are in this page: the nodes stay here
    const moving = nodes.filter((node) => workers.has(node));
    for (const node of nodes) remoteNodes.set(node, data.host);
    if (moving.length > 0) wasm()._quorum_worker_host_offered(maskOf(moving));
    publishStatus();
  } else if (data.kind === 'leaving') {
    const lost = nodes.filter((node) => remoteNodes.get(node) === data.host);
    for (const node of lost) remoteNodes.delete(node);
    if (lost.length > 0) wasm()._quorum_worker_host_lost(maskOf(lost));
  }
}

// What the scheduler's mirror knows of each node a tab hosts, for that tab
// to show (web/join.js): its worker's status, and the node's plain fields
// (role, term, commit index, ...) from window.quorum.state().
function publishStatus() {
  if (hosts === null || remoteNodes.size === 0 || !globalThis.quorum?.state) return;
  const state = globalThis.quorum.state();
  const byHost = new Map();
  for (const [node, host] of remoteNodes) {
    const worker = state.runner?.nodes?.[node - 1];
    const fields = Object.fromEntries(Object.entries(state.nodes?.[node - 1] ?? {})
      .filter(([key, value]) => !['id', 'up', 'deadline'].includes(key) && value !== null && typeof value !== 'object'));
    if (!byHost.has(host)) byHost.set(host, []);
    byHost.get(host).push({ node, status: worker?.status ?? 'unknown', here: worker?.host === host, fields });
  }
  for (const [host, nodes] of byHost) hosts.postMessage({ kind: 'status', host, nodes, nowUs: state.t });
}
setInterval(publishStatus, 500);

function closeAll() {
  pendingInputs.clear();
  for (const [node, host] of remoteNodes) hosts?.postMessage({ kind: 'terminate', host, node });
  for (const worker of workers.values()) worker.terminate();
  workers.clear();
  for (const channel of nodeChannels.values()) channel.close();
  nodeChannels.clear();
  scheduler?.close();
  scheduler = null;
  hosts?.close();
  hosts = null;
}

globalThis.quorumWorkers = {
  open(name, nodes, wipeFirst) {
    closeAll();
    cluster = name;
    nodeCount = nodes;
    // getRandomValues, not randomUUID: the page may be served over plain http on a LAN.
    token = Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(16)).join('-');
    scheduler = new BroadcastChannel(schedulerChannelName(name));
    scheduler.onmessage = (event) => report(event.data);
    scheduler.onmessageerror = () => dropped('a message that could not be deserialized');
    for (let node = 1; node <= nodes; node += 1) {
      nodeChannels.set(node, new BroadcastChannel(nodeChannelName(name, node)));
    }
    remoteNodes.clear();
    hosts = new BroadcastChannel(hostsChannelName(name));
    hosts.onmessage = onHostsMessage;
    hosts.postMessage({ kind: 'who' });
    const openedToken = token;
    indexedDbWorks().then(async (works) => {
      if (!works) {
        if (memoryDisks === null || wipeFirst) memoryDisks = new Map();
        return false;
      }
      memoryDisks = null;
      if (wipeFirst) {
        await metaWrite;
        await wipeCluster(name).catch((error) => console.warn('quorum: wiping the stored cluster failed', error));
      }
      return true;
    }).then((persistent) => {
      if (token === openedToken) wasm()._quorum_worker_opened(persistent ? 0 : 1);
    });
  },

  spawn(node, incarnation, nowUs, setup) {
    workers.get(node)?.terminate();
    workers.delete(node);
    if (remoteNodes.has(node) && memoryDisks === null) {
      const host = remoteNodes.get(node);
      const boot = { cluster, node, incarnation, nowUs, setup, token, memory: false };
      hosts.postMessage({ kind: 'spawn', host, node, boot });
      withString(host, (pointer) => wasm()._quorum_worker_placed(node, pointer));
      return;
    }
    withString('', (pointer) => wasm()._quorum_worker_placed(node, pointer));
    const worker = new Worker(new URL('./node_worker.js', import.meta.url), { type: 'module', name: `quorum node ${node}` });
    worker.onerror = (event) => {
      event.preventDefault();
      withString(`worker error: ${event.message}`, (pointer) =>
        wasm()._quorum_worker_disk_failed(node, incarnation, pointer));
    };
    if (memoryDisks !== null) {
      if (!memoryDisks.has(node)) memoryDisks.set(node, new MemoryDisk());
      const disk = memoryDisks.get(node);
      worker.onmessage = (event) => {
        if (event.data?.kind !== 'write') return;
        disk.apply(new Uint8Array(event.data.batch));
        worker.postMessage({ kind: 'written', number: event.data.number });
      };
      worker.postMessage({ cluster, node, incarnation, nowUs, setup, token, memory: true, records: disk.loadAll() });
    } else {
      worker.postMessage({ cluster, node, incarnation, nowUs, setup, token, memory: false });
    }
    workers.set(node, worker);
  },

  // Whatever the worker is doing: a crash.
  terminate(node) {
    pendingInputs.delete(node);  // never sent: lost with the node
    workers.get(node)?.terminate();
    workers.delete(node);
    if (remoteNodes.has(node)) hosts?.postMessage({ kind: 'terminate', host: remoteNodes.get(node), node });
  },

  // Inputs wait until the scheduler's turn ends (a microtask), then leave
  // as one post per node: a pump makes many, and each post costs a trip
  // through the browser process.
  input(node, incarnation, seq, nowUs, message) {
    let batch = pendingInputs.get(node);
    if (batch !== undefined && batch.incarnation !== incarnation) {
      flushInputs();
      batch = undefined;
    }
    if (batch === undefined) {
      batch = { kind: 'inputs', token, incarnation, firstSeq: seq, items: [] };
      pendingInputs.set(node, batch);
    }
    batch.items.push({ nowUs, message });
    if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flushInputs);
    }
  },

  saveMeta(name, metaJson) {
    if (memoryDisks !== null) return;  // nothing outlives the page then
    const meta = JSON.parse(metaJson);
    meta.savedAt = Date.now();
    // One write at a time, in order: the last one wins.
    metaWrite = metaWrite.then(() => saveMeta(name, meta)).catch((error) =>
      console.warn('quorum: saving the cluster record failed', error));
  },

  close() {
    closeAll();
    token = null;
  },

  // For tests and people: how many workers this tab runs, and which nodes other tabs host.
  liveWorkers: () => workers.size,
  remoteNodes: () => [...remoteNodes.keys()].sort((a, b) => a - b),
};
