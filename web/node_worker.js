// A node worker: one protocol node in its own WebAssembly instance
// (quorum_node.wasm, shell/worker/node_worker.cpp), in its own Web Worker.
//
// Its life: the host that created it (web/workers.js) posts one boot message;
// the worker loads the node's records from IndexedDB, boots the node, and
// says "booted" (with the records it loaded, so the scheduler's mirror starts
// from exactly the same state) or "disk-failed" (with the reason) on the
// scheduler's channel. Then it takes inputs from its own channel, in order.
//
// The persistence rule: the inputs that arrived together are stepped, their
// writes are committed in ONE IndexedDB transaction, and only when that
// transaction has completed are their messages posted. A worker terminated
// before that posts nothing: its messages were never sent.
//
// Anything on the channel that is not an input for this very node, from this
// very scheduler (its token), for this incarnation, with the next sequence
// number, is dropped and reported as "rejected" with the reason.
import createQuorumNode from './quorum_node.js';
import { NodeStore } from './store.js';
import { nodeChannelName, schedulerChannelName, checkInput } from './channel.js';

const OUTCOME = ['ok', 'bad setup', 'disk failed', 'not booted', 'undecodable message', 'not for this node'];

let boot = null;       // {cluster, node, incarnation, nowUs, setup, token, memory}
let wasm = null;
let store = null;
let scheduler = null;  // BroadcastChannel to the scheduler
let nextSeq = 0;
let failed = false;
const queue = [];
let draining = false;

function post(message) {
  scheduler.postMessage({ token: boot.token, node: boot.node, incarnation: boot.incarnation, ...message });
}

function copyOut(data, size) {
  return wasm.HEAPU8.slice(data, data + size);
}

// Copies `bytes` into the wasm heap for the duration of `use(pointer)`.
function withBytes(bytes, use) {
  const pointer = wasm._malloc(Math.max(1, bytes.byteLength));
  wasm.HEAPU8.set(bytes, pointer);
  try {
    return use(pointer);
  } finally {
    wasm._free(pointer);
  }
}

function withString(text, use) {
  const size = wasm.lengthBytesUTF8(text) + 1;
  const pointer = wasm._malloc(size);
  wasm.stringToUTF8(text, pointer, size);
  try {
    return use(pointer);
  } finally {
    wasm._free(pointer);
  }
}

// Without IndexedDB the disk lives in the page (web/store.js, MemoryDisk):
// a batch is written when the page says it has applied it.
class PageMemoryStore {
  constructor() {
    this.written = new Map();  // batch number -> resolve
    this.next = 0;
  }

  commit(batchBytes) {
    const number = this.next;
    this.next += 1;
    return new Promise((resolve) => {
      this.written.set(number, resolve);
      self.postMessage({ kind: 'write', number, batch: batchBytes.buffer });
    });
  }

  onWritten(number) {
    this.written.get(number)?.();
    this.written.delete(number);
  }
}

function fail(reason) {
  failed = true;
  post({ kind: 'disk-failed', reason });
}

async function start(message) {
  boot = message;
  scheduler = new BroadcastChannel(schedulerChannelName(boot.cluster));
  wasm = await createQuorumNode();
  let records;
  try {
    store = boot.memory ? new PageMemoryStore() : await NodeStore.open(boot.cluster, boot.node);
    records = boot.memory ? boot.records : await store.loadAll();
  } catch (error) {
    fail(`IndexedDB: ${error}`);
    return;
  }
  const encoder = new TextEncoder();
  for (const [key, value] of records) {
    const keyBytes = encoder.encode(key);
    withBytes(keyBytes, (keyPointer) => withBytes(value, (valuePointer) =>
      wasm._quorum_node_add_record(keyPointer, keyBytes.byteLength, valuePointer, value.byteLength)));
  }
  const outcome = withString(boot.setup, (setup) =>
    wasm._quorum_node_boot(setup, boot.node, boot.incarnation, boot.nowUs));
  if (outcome !== 0) {
    fail(wasm.UTF8ToString(wasm._quorum_node_error()));
    return;
  }
  const loaded = copyOut(wasm._quorum_node_loaded_data(), wasm._quorum_node_loaded_size());
  // Listen before saying "booted": the scheduler sends the first inputs as
  // soon as it hears it, and a channel opened after that could miss them
  // (the browser connects a new BroadcastChannel asynchronously); a missed
  // input would leave a gap that refuses every later one.
  const inputs = new BroadcastChannel(nodeChannelName(boot.cluster, boot.node));
  inputs.onmessage = (event) => receive(event.data);
  inputs.onmessageerror = () => post({ kind: 'rejected', reason: 'a message that could not be deserialized' });
  post({ kind: 'booted', loaded: loaded.buffer });
}

function receive(data) {
  if (failed) return;
  const why = checkInput(data, boot, nextSeq);
  if (why) {
    post({ kind: 'rejected', reason: why });
    return;
  }
  data.items.forEach((item, i) => queue.push({ seq: data.firstSeq + i, nowUs: item.nowUs, message: item.message }));
  nextSeq += data.items.length;
  if (!draining) drain();
}

// Steps one input; its writes and framed messages, or null if the node refused it.
function step(input) {
  const outcome = input.message === null
    ? wasm._quorum_node_fire(input.nowUs)
    : withBytes(new Uint8Array(input.message), (pointer) =>
      wasm._quorum_node_step(input.nowUs, pointer, input.message.byteLength));
  if (outcome !== 0) {
    post({ kind: 'rejected', reason: `input ${input.seq}: ${OUTCOME[outcome] ?? outcome}` });
    return { writes: new Uint8Array(0), output: new Uint8Array(4) };  // no messages
  }
  return {
    writes: copyOut(wasm._quorum_node_writes_data(), wasm._quorum_node_writes_size()),
    output: copyOut(wasm._quorum_node_output_data(), wasm._quorum_node_output_size()),
  };
}

function concat(chunks) {
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

async function drain() {
  draining = true;
  while (queue.length > 0 && !failed) {
    const inputs = queue.splice(0);
    const results = inputs.map(step);
    try {
      await store.commit(concat(results.map((result) => result.writes)));
    } catch (error) {
      fail(`IndexedDB write failed: ${error}`);
      break;
    }
    const outputs = results.map((result) => result.output.buffer);
    post({ kind: 'sent', firstSeq: inputs[0].seq, outputs });
  }
  draining = false;
}

self.onmessage = (event) => {
  if (boot === null) {
    start(event.data);
  } else if (event.data?.kind === 'written' && store instanceof PageMemoryStore) {
    store.onWritten(event.data.number);
  }
};
