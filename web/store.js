// IndexedDB storage for the workers runner: one database per node
// ("quorum/<cluster>/node/<id>", object store "records", keyed by the record
// keys of core/include/quorum/store/records.hpp) and one per cluster for the
// page ("quorum/<cluster>/meta": what a reload needs to bring the cluster back).
//
// Why one database per node: IndexedDB runs transactions that touch the same
// object store one after another; separate databases let five nodes commit at
// the same time, as five disks would.
//
// Durability: every batch is one readwrite transaction opened with
// {durability: 'strict'}, and a batch counts as written only when the
// transaction's `complete` event has fired. Strict asks the browser to flush
// to disk before `complete`, so "durable" here means what it means on a real
// node: it survives a crash of the browser or the machine, not just of the
// worker. It costs a flush per batch; the worker groups the inputs that
// arrive together into one batch (group commit), as the native node does.
//
// Written by hand rather than with npm's `idb`: the runner needs open, load,
// one transaction per batch and delete, which is less code than the wrapper.

const RECORDS = 'records';
const PREFIX = 'quorum/';

export const nodeDatabaseName = (cluster, node) => `${PREFIX}${cluster}/node/${node}`;
export const metaDatabaseName = (cluster) => `${PREFIX}${cluster}/meta`;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function completed(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error || new Error('transaction aborted'));
  });
}

async function openDatabase(name) {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(RECORDS);
  return promised(request);
}

// Reads the batch format of store::encode_batch: u8 kind (1 put, 2 delete
// range), u32 key size, key, u32 value size, value; little-endian.
export function* batchOps(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  let at = 0;
  while (at < bytes.byteLength) {
    const kind = view.getUint8(at);
    const keySize = view.getUint32(at + 1, true);
    const key = text.decode(bytes.subarray(at + 5, at + 5 + keySize));
    at += 5 + keySize;
    const valueSize = view.getUint32(at, true);
    const value = bytes.slice(at + 4, at + 4 + valueSize);
    at += 4 + valueSize;
    yield { kind, key, value };
  }
}

// A node's records in IndexedDB.
export class NodeStore {
  static async open(cluster, node) {
    const store = new NodeStore();
    store.db = await openDatabase(nodeDatabaseName(cluster, node));
    return store;
  }

  // Every record: [[key, Uint8Array], ...] in key order.
  async loadAll() {
    const transaction = this.db.transaction(RECORDS, 'readonly');
    const objects = transaction.objectStore(RECORDS);
    const [keys, values] = await Promise.all([promised(objects.getAllKeys()), promised(objects.getAll())]);
    return keys.map((key, i) => [key, new Uint8Array(values[i])]);
  }

  // Applies one batch (store::encode_batch bytes) in one transaction;
  // resolves once the transaction has completed.
  async commit(batchBytes) {
    if (batchBytes.byteLength === 0) return;
    const transaction = this.db.transaction(RECORDS, 'readwrite', { durability: 'strict' });
    const objects = transaction.objectStore(RECORDS);
    for (const op of batchOps(batchBytes)) {
      if (op.kind === 1) {
        objects.put(op.value.buffer, op.key);
      } else {
        objects.delete(IDBKeyRange.bound(op.key, new TextDecoder().decode(op.value), false, true));
      }
    }
    await completed(transaction);
  }

  close() {
    this.db.close();
  }
}

// A node's disk kept in the page's memory, for browsers where IndexedDB is
// refused (private windows, no space left). It lives in the page, not the
// worker, so a killed worker's writes survive it; a reload loses them.
export class MemoryDisk {
  constructor() {
    this.records = new Map();  // key -> ArrayBuffer
  }

  // [[key, Uint8Array], ...] in key order, as NodeStore.loadAll.
  loadAll() {
    return [...this.records.keys()].sort().map((key) => [key, new Uint8Array(this.records.get(key))]);
  }

  apply(batchBytes) {
    for (const op of batchOps(batchBytes)) {
      if (op.kind === 1) {
        this.records.set(op.key, op.value.buffer);
      } else {
        const end = new TextDecoder().decode(op.value);
        for (const key of [...this.records.keys()]) {
          if (key >= op.key && key < end) this.records.delete(key);
        }
      }
    }
  }
}

// The page's record of a cluster: its setup, its clock, which nodes were down.
export async function saveMeta(cluster, meta) {
  const db = await openDatabase(metaDatabaseName(cluster));
  try {
    const transaction = db.transaction(RECORDS, 'readwrite', { durability: 'relaxed' });
    transaction.objectStore(RECORDS).put(meta, 'cluster');
    await completed(transaction);
  } finally {
    db.close();
  }
}

export async function loadMeta(cluster) {
  const known = await listClusters();
  if (!known.includes(cluster)) return null;
  const db = await openDatabase(metaDatabaseName(cluster));
  try {
    return (await promised(db.transaction(RECORDS).objectStore(RECORDS).get('cluster'))) ?? null;
  } finally {
    db.close();
  }
}

// The names of the clusters kept in this browser.
export async function listClusters() {
  const databases = await indexedDB.databases();
  const names = new Set();
  for (const { name } of databases) {
    const match = /^quorum\/([A-Za-z0-9_-]+)\/meta$/.exec(name ?? '');
    if (match) names.add(match[1]);
  }
  return [...names].sort();
}

// Deletes every database of `cluster`: its nodes' and its meta.
export async function wipeCluster(cluster) {
  const databases = await indexedDB.databases();
  const prefix = `${PREFIX}${cluster}/`;
  await Promise.all(databases
    .filter(({ name }) => name && name.startsWith(prefix))
    .map(({ name }) => promised(indexedDB.deleteDatabase(name))));
}

// Whether IndexedDB works here at all (private windows and full disks may refuse it).
export async function indexedDbWorks() {
  try {
    const db = await openDatabase(`${PREFIX}probe`);
    db.close();
    await promised(indexedDB.deleteDatabase(`${PREFIX}probe`));
    return true;
  } catch {
    return false;
  }
}
