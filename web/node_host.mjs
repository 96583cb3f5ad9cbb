// The page's node binary as a node of a real cluster: quorum_node.wasm, the
// very file the page's workers runner loads (web/node_worker.js), run under
// Node.js on a UDP port beside native quorum-node processes (docs/nodes.md).
//
//   node web/node_host.mjs --id 1 --peers 1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003
//                          [--algo raft|paxos|multipaxos] --data DIR [--seed N] [--wasm FILE]
//   node web/node_host.mjs --dump --id 1 [--algo NAME] --data DIR [--wasm FILE]
//   (./quorum node-wasm ... runs it.)
//
// This file is the host and only the host: a UDP socket (dgram), the record
// log DIR/records.log, the clock. The node, the checks on every datagram, the
// wire format and the records are the binary's (shell/worker/server_node.hpp,
// record_log.hpp), the same C++ as quorum-node's, so a cluster may mix them.
//
// THE HOST MUST MAKE THE DURABLE WRITES OF A READY DURABLE BEFORE IT SENDS ANY
// OF ITS MESSAGES (persist before send; quorum/node_contract.hpp). Each turn:
// every datagram waiting is handed in, the timer fires if due, and the turn's
// writes come back as one frame, which is appended to DIR/records.log and
// fsynced; only then do the turn's datagrams leave. The file is written with
// synchronous calls, so no datagram is even read while a turn is on its way
// to the disk, and a SIGTERM is handled between turns.
//
// Exit codes, as quorum-node's: 0 stopped by SIGTERM or SIGINT (or --dump
// done); 1 the node could not run (its file is damaged or another node's, its
// port is taken); 2 the command line is wrong (nothing started). Every error
// is one line on stderr.
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const ALGORITHMS = ['raft', 'paxos', 'multipaxos'];  // the core's registry, first the default
const MAX_NODES = 9;
const MAX_WAIT_MS = 1000;  // the longest sleep, even with no deadline (quorum-node's)
// A log this long, and this many times its records, is rewritten as one frame
// (QUORUM_NODE_HOST_COMPACT=BYTES,RATIO changes both: the tests compact often).
const [COMPACT_BYTES, COMPACT_RATIO] = (process.env.QUORUM_NODE_HOST_COMPACT ?? `${16 << 20},4`)
  .split(',').map(Number);
const LOG_FILE = 'records.log';
// QUORUM_NODE_HOST_UNSAFE=send-before-fsync breaks the persist-before-send
// rule on purpose: each turn's datagrams leave first and its frame reaches
// the disk a while later, as a host that trusted a slow disk would do. Only
// for showing that mixed.persist_before_send catches it (docs/nodes.md).
const SEND_BEFORE_FSYNC = process.env.QUORUM_NODE_HOST_UNSAFE === 'send-before-fsync';
const UNSAFE_DISK_DELAY_MS = 300;
const DEFAULT_WASM = path.join(path.dirname(fileURLToPath(import.meta.url)),
  '..', 'build', 'web', 'site', 'quorum_node.wasm');

class UsageError extends Error {}

const USAGE = `usage: quorum node-wasm --id N --peers 1=HOST:PORT,2=HOST:PORT,...
                        [--algo ${ALGORITHMS.join('|')}] --data DIR [--seed N] [--wasm FILE]
       quorum node-wasm --dump --id N [--algo NAME] --data DIR [--wasm FILE]`;

// --- The command line ---------------------------------------------------------

function parseArguments(argv) {
  const args = { algo: ALGORITHMS[0], wasm: DEFAULT_WASM, dump: false };
  const valued = { '--id': 'id', '--peers': 'peers', '--algo': 'algo', '--data': 'data',
    '--seed': 'seed', '--wasm': 'wasm' };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === '--dump') {
      args.dump = true;
    } else if (flag === '-h' || flag === '--help') {
      args.help = true;
    } else if (flag in valued) {
      if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
      args[valued[flag]] = argv[i + 1];
      i += 1;
    } else {
      throw new UsageError(`unknown option '${flag}'`);
    }
  }
  if (args.help) return args;
  if (args.id === undefined) throw new UsageError('--id is required');
  if (!/^[1-9]$/.test(args.id)) throw new UsageError(`--id '${args.id}' is not a node id 1..${MAX_NODES}`);
  args.id = Number(args.id);
  if (!ALGORITHMS.includes(args.algo)) {
    throw new UsageError(`--algo '${args.algo}' is not one of ${ALGORITHMS.join(', ')}`);
  }
  if (args.data === undefined) throw new UsageError('--data is required');
  if (args.seed !== undefined) {
    if (!/^[0-9]{1,20}$/.test(args.seed) || BigInt(args.seed) >= 1n << 64n) {
      throw new UsageError(`--seed '${args.seed}' is not a number 0..2^64-1`);
    }
    args.seed = BigInt(args.seed);
  }
  if (args.dump) return args;
  if (args.peers === undefined) throw new UsageError('--peers is required');
  args.peers = parsePeers(args.peers);
  if (!args.peers.has(args.id)) {
    throw new UsageError(`--id ${args.id} is not in --peers (${[...args.peers.keys()].join(',')})`);
  }
  const highest = Math.max(...args.peers.keys());
  if (highest !== args.peers.size) {
    throw new UsageError(`--peers must number its nodes 1..${args.peers.size}, as a cluster's ` +
      `nodes are numbered (it has ${[...args.peers.keys()].sort().join(',')})`);
  }
  return args;
}

// "127.0.0.1:7001" -> {host, port, address (u32)}; the words of quorum-node's
// parser (shell/net/udp.cpp).
function parseEndpoint(text) {
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw new UsageError(`address '${text}' needs a port: HOST:PORT, e.g. 127.0.0.1:7001`);
  const host = text.slice(0, colon);
  const portText = text.slice(colon + 1);
  const octets = host.split('.');
  if (octets.length !== 4 || !octets.every((o) => /^[0-9]{1,3}$/.test(o) && Number(o) <= 255)) {
    throw new UsageError(`bad IPv4 address '${host}' in '${text}'`);
  }
  if (!/^[0-9]{1,5}$/.test(portText)) throw new UsageError(`bad port in '${text}'`);
  const port = Number(portText);
  if (port < 1 || port > 65535) throw new UsageError(`port out of range (1..65535) in '${text}'`);
  const address = octets.reduce((value, octet) => value * 256 + Number(octet), 0);
  return { host: octets.map(Number).join('.'), port, address };
}

function parsePeers(text) {
  const peers = new Map();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const equals = item.indexOf('=');
    if (equals <= 0) throw new UsageError(`peer '${item}' is not ID=HOST:PORT, e.g. 1=127.0.0.1:7001`);
    const idText = item.slice(0, equals);
    if (!/^[1-9]$/.test(idText)) throw new UsageError(`peer id '${idText}' is not a node id 1..${MAX_NODES}`);
    const endpoint = parseEndpoint(item.slice(equals + 1));
    for (const [other, known] of peers) {
      if (known.address === endpoint.address && known.port === endpoint.port) {
        throw new UsageError(`nodes ${other} and ${idText} share the address ${endpoint.host}:${endpoint.port}`);
      }
    }
    if (peers.has(Number(idText))) throw new UsageError(`node ${idText} is listed twice in --peers`);
    peers.set(Number(idText), endpoint);
  }
  return peers;
}

// DIR exists (or is created) and is a directory this process may read and
// write; otherwise a usage error, before anything starts.
function checkDataDirectory(dir, create) {
  let stat = null;
  try {
    stat = fs.statSync(dir);
  } catch (error) {
    if (error.code !== 'ENOENT') throw new UsageError(`--data ${dir}: ${error.message}`);
  }
  if (stat === null) {
    if (!create) throw new UsageError(`--data ${dir} does not exist`);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new UsageError(`cannot create --data directory ${dir}: ${error.message}`);
    }
  } else if (!stat.isDirectory()) {
    throw new UsageError(`--data ${dir} is not a directory`);
  }
  try {
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
    const file = path.join(dir, LOG_FILE);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    if (fs.existsSync(file) && !fs.statSync(file).isFile()) {
      throw new Error(`${file} is not a file`);
    }
  } catch (error) {
    throw new UsageError(`--data ${dir} is not readable and writable: ${error.message}`);
  }
}

// --- The binary -------------------------------------------------------------------

// Loads quorum_node.wasm (and its Emscripten glue, quorum_node.js, beside
// it). The glue was built for a Web Worker (-sENVIRONMENT=worker), which
// Node.js can host given the file's bytes: the glue only reads `self` for
// its own location and never fetches when handed the binary.
async function loadBinary(wasmPath) {
  const bytes = fs.readFileSync(wasmPath);
  const glue = fs.readFileSync(path.join(path.dirname(wasmPath), 'quorum_node.js'), 'utf8');
  globalThis.self ??= { location: { href: 'file:///quorum_node.js' } };
  const { default: createQuorumNode } =
    await import(`data:text/javascript;base64,${Buffer.from(glue).toString('base64')}`);
  const wasm = await createQuorumNode({ wasmBinary: bytes, locateFile: (file) => file });
  return { wasm, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

class Binary {
  constructor(wasm) {
    this.wasm = wasm;
  }

  // Copies `bytes` into the wasm heap for the duration of `use(pointer)`.
  withBytes(bytes, use) {
    const pointer = this.wasm._malloc(Math.max(1, bytes.byteLength));
    this.wasm.HEAPU8.set(bytes, pointer);
    try {
      return use(pointer);
    } finally {
      this.wasm._free(pointer);
    }
  }

  withString(text, use) {
    const size = this.wasm.lengthBytesUTF8(text) + 1;
    const pointer = this.wasm._malloc(size);
    this.wasm.stringToUTF8(text, pointer, size);
    try {
      return use(pointer);
    } finally {
      this.wasm._free(pointer);
    }
  }

  // A copy of a result the binary keeps (its memory may move on the next call).
  bytes() {
    const data = this.wasm._quorum_server_bytes_data();
    return Buffer.from(this.wasm.HEAPU8.slice(data, data + this.wasm._quorum_server_bytes_size()));
  }

  datagrams() {
    const data = this.wasm._quorum_server_datagrams_data();
    return Buffer.from(this.wasm.HEAPU8.slice(data, data + this.wasm._quorum_server_datagrams_size()));
  }

  error() {
    return this.wasm.UTF8ToString(this.wasm._quorum_server_error());
  }

  log() {
    return this.wasm.UTF8ToString(this.wasm._quorum_server_log());
  }
}

// --- The record log ------------------------------------------------------------------

class Refusal extends Error {}

function fsyncDirectory(dir) {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

// Reads DIR/records.log into the binary (which replays and checks it). A
// damaged file is a Refusal and stays as it was; where an unfinished last
// write starts is returned (RecordLog cuts it off; record_log.hpp says why
// that is safe).
function loadLog(binary, args) {
  const file = path.join(args.data, LOG_FILE);
  const bytes = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
  const outcome = binary.withString(args.algo, (algo) => binary.withBytes(bytes, (pointer) =>
    binary.wasm._quorum_server_load(algo, args.id, pointer, bytes.byteLength)));
  if (outcome !== 0) {
    const why = binary.error();
    throw new Refusal(why.startsWith('the file belongs') ? `${file} is not this node's: ${why}`
      : `${file} is damaged: ${why}`);
  }
  const tornAt = binary.wasm._quorum_server_torn_at();
  return { file, size: bytes.byteLength, tornAt };
}

class RecordLog {
  constructor(binary, args, loaded, say) {
    this.binary = binary;
    this.args = args;
    this.file = loaded.file;
    let size = loaded.size;
    if (loaded.tornAt >= 0) {
      say(`cut off an unfinished write at byte ${loaded.tornAt} of ${this.file} ` +
        `(${size - loaded.tornAt} bytes, never fsynced, so nothing of it was sent)`);
      fs.truncateSync(this.file, loaded.tornAt);
      size = loaded.tornAt;
    }
    const created = size === 0;
    this.fd = fs.openSync(this.file, 'a');
    this.size = size;
    if (created) {
      this.binary.withString(args.algo, (algo) => binary.wasm._quorum_server_first_frame(algo, args.id));
      this.append(this.binary.bytes());
      fsyncDirectory(args.data);
    } else if (loaded.tornAt >= 0) {
      fs.fsyncSync(this.fd);
    }
  }

  // Appends one frame and makes it durable (fsync) before returning.
  append(frame) {
    let written = 0;
    while (written < frame.byteLength) {
      written += fs.writeSync(this.fd, frame, written);
    }
    fs.fsyncSync(this.fd);
    this.size += frame.byteLength;
  }

  // A log grown long is replaced by one frame of its records: written beside
  // it, fsynced, renamed over it, the directory fsynced. A crash before the
  // rename leaves the old log whole (the .tmp is ignored and later rewritten).
  compactIfLong() {
    const live = this.binary.wasm._quorum_server_live_bytes();
    if (this.size < COMPACT_BYTES || this.size < COMPACT_RATIO * live) return false;
    this.binary.withString(this.args.algo, (algo) =>
      this.binary.wasm._quorum_server_snapshot(algo, this.args.id));
    const snapshot = this.binary.bytes();
    const temporary = `${this.file}.tmp`;
    const fd = fs.openSync(temporary, 'w');
    for (let written = 0; written < snapshot.byteLength;) {
      written += fs.writeSync(fd, snapshot, written);
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temporary, this.file);
    fsyncDirectory(this.args.data);
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a');
    this.size = snapshot.byteLength;
    return true;
  }
}

// --- The node ------------------------------------------------------------------------------

function nowUs() {
  return Number(process.hrtime.bigint() / 1000n);  // monotonic, as quorum-node's CLOCK_MONOTONIC
}

function addressNumber(host) {
  return host.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function addressText(number) {
  return [number >>> 24, (number >>> 16) & 0xff, (number >>> 8) & 0xff, number & 0xff].join('.');
}

async function runNode(args, binary, sha256, say) {
  const loaded = loadLog(binary, args);
  for (const [id, endpoint] of args.peers) {
    binary.wasm._quorum_server_add_peer(id, endpoint.address, endpoint.port);
  }
  const seed = args.seed ?? crypto.randomBytes(8).readBigUInt64LE();
  const booted = binary.withString(args.algo, (algo) => binary.wasm._quorum_server_boot(
    algo, args.id, Number(seed >> 32n), Number(seed & 0xffffffffn), nowUs()));
  if (booted !== 0) throw new Refusal(`${loaded.file} is damaged: ${binary.error()}`);
  // Only a log whose every record loaded is written to (a torn write cut off).
  const log = new RecordLog(binary, args, loaded, say);

  const me = args.peers.get(args.id);
  const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 << 20, sendBufferSize: 4 << 20 });
  await new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(me.port, me.host, () => {
      socket.off('error', reject);
      resolve();
    });
  }).catch((error) => {
    throw new Refusal(`cannot bind UDP ${me.host}:${me.port}: ${error.message}`);
  });
  socket.on('error', (error) => say(`socket: ${error.message}`));
  say(`${args.algo} on ${me.host}:${me.port}, data ${log.file}, seed ${seed}, ` +
    `wasm ${args.wasm} (sha256 ${sha256})`);
  if (SEND_BEFORE_FSYNC) say('UNSAFE: sending before fsync (QUORUM_NODE_HOST_UNSAFE), persist before send is broken');

  const waiting = [];
  // The broken host (SEND_BEFORE_FSYNC): frames reach the disk, in order,
  // only after the turn's datagrams left.
  const unsafePending = [];
  const unsafeAppendLater = (frame) => {
    if (frame.byteLength === 0) return;
    unsafePending.push(frame);
    setTimeout(() => log.append(unsafePending.shift()), UNSAFE_DISK_DELAY_MS);
  };
  let turnScheduled = false;
  let timer = null;

  const turn = () => {
    turnScheduled = false;
    clearTimeout(timer);
    for (const { bytes, from } of waiting.splice(0)) {
      binary.withBytes(bytes, (pointer) => binary.wasm._quorum_server_receive(
        nowUs(), pointer, bytes.byteLength, addressNumber(from.address), from.port));
    }
    binary.wasm._quorum_server_tick(nowUs());
    binary.wasm._quorum_server_flush();
    const frame = binary.bytes();
    if (SEND_BEFORE_FSYNC) {
      unsafeAppendLater(frame);
    } else if (frame.byteLength > 0) {
      log.append(frame);  // durable (fsync) ...
    }
    send(binary.datagrams());  // ... before anything is sent
    process.stderr.write(binary.log());
    const before = log.size;
    if (!SEND_BEFORE_FSYNC && log.compactIfLong()) {
      say(`compacted ${log.file}: ${before} -> ${log.size} bytes`);
    }
    const wait = (binary.wasm._quorum_server_next_deadline() - nowUs()) / 1000;
    timer = setTimeout(scheduleTurn, Math.min(Math.max(Math.ceil(wait), 0), MAX_WAIT_MS));
  };
  const scheduleTurn = () => {
    if (!turnScheduled) {
      turnScheduled = true;
      setImmediate(turn);
    }
  };
  const send = (framed) => {
    let at = 4;
    for (let count = framed.readUInt32LE(0); count > 0; count -= 1) {
      const address = framed.readUInt32LE(at);
      const port = framed.readUInt32LE(at + 4);
      const size = framed.readUInt32LE(at + 8);
      socket.send(framed.subarray(at + 12, at + 12 + size), port, addressText(address));
      at += 12 + size;
    }
  };

  socket.on('message', (bytes, from) => {
    waiting.push({ bytes, from });
    scheduleTurn();
  });
  const stop = () => {
    clearTimeout(timer);
    socket.close();
    fs.closeSync(log.fd);
    say('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  scheduleTurn();
}

function dump(args, binary) {
  loadLog(binary, args);
  const outcome = binary.withString(args.algo, (algo) => binary.wasm._quorum_server_dump(algo));
  if (outcome !== 0) throw new Refusal(`${path.join(args.data, LOG_FILE)} is damaged: ${binary.error()}`);
  // Resolved once written: process.exit would cut a pipe's pending write short.
  return new Promise((resolve) => process.stdout.write(binary.bytes(), resolve));
}

async function main() {
  let args;
  try {
    args = parseArguments(process.argv.slice(2));
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    if (!fs.existsSync(args.wasm)) throw new UsageError(`--wasm ${args.wasm}: no such file (./quorum build web)`);
    checkDataDirectory(args.data, !args.dump);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`quorum node-wasm: ${error.message}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const say = (line) => process.stderr.write(`quorum node-wasm ${args.id}: ${line}\n`);
  try {
    const { wasm, sha256 } = await loadBinary(args.wasm);
    const binary = new Binary(wasm);
    if (args.dump) {
      await dump(args, binary);
      return 0;
    }
    await runNode(args, binary, sha256, say);
    return null;  // runs until SIGTERM or SIGINT
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    say(`refusing to start: ${error.message}`);
    if (error.message.includes('is damaged')) {
      process.stderr.write('The file was not changed. Restore it from a backup or replace the node: ' +
        'starting it empty would forget its votes and acknowledged writes.\n');
    }
    return EXIT_FAILED;
  }
}

main().then((code) => {
  if (code !== null) process.exit(code);
}, (error) => {
  process.stderr.write(`quorum node-wasm: ${error.stack ?? error}\n`);
  process.exit(EXIT_FAILED);
});
