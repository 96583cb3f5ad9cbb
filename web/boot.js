import './workers.js';
import { hostNodes } from './join.js';
import { loadMeta } from './store.js';

// Starts the dashboard: checks that this browser can run it, shows progress
// while quorum.wasm loads, and builds `window.quorum`, the small API that
// scripts, teachers and the browser tests use (state, commands, and where each
// named widget is on screen so a test can click real pixels).

const loading = document.getElementById('loading');
const loadingText = document.getElementById('loading-text');
const canvas = document.getElementById('canvas');

function missingFeature() {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    return 'This browser does not support WebAssembly.';
  }
  if (!document.createElement('canvas').getContext('webgl2')) {
    return 'WebGL 2 is not available.';
  }
  return null;
}

// `graphics`: whether the browser's WebGL is to blame, which only then gets
// the advice about hardware acceleration.
function showProblem(title, reason, { graphics = true } = {}) {
  loading.hidden = true;
  document.getElementById('problem-title').textContent = title;
  document.getElementById('problem-reason').textContent = reason;
  document.getElementById('problem-advice').hidden = !graphics;
  document.getElementById('problem').hidden = false;
  canvas.hidden = true;
  window.quorum.problem = reason;
}

// The biggest file the page reads: the dashboard's own exported trace is at
// most about 12 MB (its event log keeps 100,000 events), and reading a trace
// takes a few times its size in memory (docs/dashboard.md, "Files").
// web/boot.js and file_transfer.hpp keep the same number.
const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

// Once the dashboard stopped, nothing may call into it again: its memory may
// be half-way through a frame. One line in the console says why.
let stopped = false;

function stop(reason) {
  if (stopped) return;
  stopped = true;
  try { Module.pauseMainLoop?.(); } catch { /* already gone */ }
  const text = String(reason ?? '').trim() || 'an unknown error (no message)';
  const graphics = /webgl|context lost|gl_|shader/i.test(text);
  console.error(`quorum: the dashboard stopped: ${text}`);
  showProblem('Quorum stopped', `The dashboard stopped with an error: ${text}`, { graphics });
}

// Text into the wasm heap, not onto its stack: ccall's 'string' arguments go
// on the 5 MB stack, which a 1 MB file (4 bytes a character reserved)
// overflows into "memory access out of bounds".
function callWithText(exported, text) {
  const size = Module.lengthBytesUTF8(text) + 1;
  const pointer = Module._malloc(size);
  if (!pointer) return null;
  try {
    Module.stringToUTF8(text, pointer, size);
    return Module.UTF8ToString(exported(pointer));
  } finally {
    Module._free(pointer);
  }
}

let resolveReady;
const readyPromise = new Promise((resolve) => { resolveReady = resolve; });

window.quorum = {
  ready: false,
  problem: null,
  // Resolves when the dashboard has drawn its first complete frames.
  whenReady: () => readyPromise,
  // Every named widget of the last frame: {name: {x, y, width, height}} in CSS pixels.
  widgets() {
    return JSON.parse(Module.UTF8ToString(Module._quorum_widgets_json()));
  },
  widget(name) {
    const rect = this.widgets()[name];
    if (!rect) throw new Error(`no widget named "${name}" in the last frame`);
    return rect;
  },
  textSize: () => Module._quorum_font_size(),
  setTextSize: (px) => Module._quorum_set_font_size(px),
  // The cluster and the run: nodes, messages in flight, time, selection, ...
  state() {
    return JSON.parse(Module.UTF8ToString(Module._quorum_state_json()));
  },
  // One command, the same ones the buttons and keys run, e.g.
  // {cmd: 'kill', node: 2}, {cmd: 'deliver', id: 7}, {cmd: 'run', ms: 500},
  // {cmd: 'reset', algorithm: name, nodes: 3, seed: 4, play: false} (a name
  // as state().algorithm gives it).
  // Answers {ok: true} or {ok: false, error: '...'}.
  command(command) {
    if (stopped) return { ok: false, error: 'the dashboard has stopped' };
    let text;
    try {
      text = JSON.stringify(command);
    } catch (error) {
      return { ok: false, error: `not JSON: ${error.message}` };
    }
    if (typeof text !== 'string') return { ok: false, error: 'expected an object with "cmd"' };
    if (text.length > MAX_IMPORT_BYTES + 4096) {
      return { ok: false, error: `the command is ${text.length} bytes; the page takes at most ${MAX_IMPORT_BYTES / (1024 * 1024)} MB` };
    }
    const answer = callWithText(Module._quorum_command_json, text);
    return answer === null ? { ok: false, error: 'out of memory for the command' } : JSON.parse(answer);
  },
  // The CPU time of the recent frames (up to 600), oldest first, microseconds:
  // {ui: [...] (ImGui NewFrame to Render), render: [...] (handing it to WebGL)}.
  frameTimes() {
    return JSON.parse(Module.UTF8ToString(Module._quorum_frame_times_json()));
  },
  // The dashboard's "Import file..." button: the browser's file picker, whose
  // file comes back as the `import` command (a .qs scenario is loaded, a
  // .jsonl trace checked). Scripts can send {cmd: 'import', name, text} themselves.
  openFile() {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.qs,.jsonl,.txt';
    input.onchange = async () => {
      const file = input.files[0];
      if (file) window.quorum.importFile(file.name, file.size, () => file.text());
    };
    input.click();
  },
  // A file of `size` bytes whose text `read` gives: refused before it is
  // read if it is bigger than the page takes (the answer names the limit).
  async importFile(name, size, read) {
    // Too big: not read at all; the dashboard words the refusal.
    if (size > MAX_IMPORT_BYTES) return window.quorum.command({ cmd: 'import', name, size });
    return window.quorum.command({ cmd: 'import', name, text: await read() });
  },
  // The biggest file importFile() reads, in bytes.
  maxImportBytes: MAX_IMPORT_BYTES,
  // The run's trace so far: JSON lines, as quorum-sim --trace writes them.
  trace() {
    return Module.UTF8ToString(Module._quorum_trace_text());
  },
  // The space-time diagram as it is in view (the Diagram tab), as SVG text.
  diagramSvg() {
    return Module.UTF8ToString(Module._quorum_diagram_svg());
  },
  // The client history: one object per operation, as quorum-sim --history writes them.
  history() {
    return Module.UTF8ToString(Module._quorum_history_text()).split('\n').filter(Boolean).map((line) => JSON.parse(line));
  },
};

const Module = {
  canvas,
  print: (text) => console.log(text),
  // After a stop the runtime may repeat "Aborted()" for every call that
  // still reaches it: stop() said it once.
  printErr: (text) => { if (!stopped) console.warn(text); },
  setStatus(text) {
    if (text) loadingText.textContent = text.replace(/\(\d+\/\d+\)/, '').trim() || 'Loading Quorum…';
  },
  onDashboardReady() {
    loading.hidden = true;
    canvas.focus();
    restoreStoredCluster().finally(() => {
      openLessonsOnFirstVisit();
      window.quorum.ready = true;
      resolveReady();
    });
  },
  onAbort(reason) {
    stop(reason);
  },
  // main.cpp: an exception escaped a frame (its what()).
  onDashboardStopped(reason) {
    stop(reason);
  },
};
window.Module = Module;

// The lesson picker opens on the first visit only (docs/scenarios.md,
// "Lessons"): the visit is remembered in localStorage. ?lessons=off keeps it
// shut (the end-to-end tests' pages, which expect the bare dashboard).
function openLessonsOnFirstVisit() {
  if (new URLSearchParams(location.search).get('lessons') === 'off') return;
  try {
    if (localStorage.getItem('quorum.lessons.seen')) return;
    localStorage.setItem('quorum.lessons.seen', '1');
  } catch {
    return;  // no storage: no way to tell a first visit, so no picker
  }
  window.quorum.command({ cmd: 'lessons' });
}

// A cluster the workers runner kept in IndexedDB comes back on reload:
// ?cluster=<name> picks which (default "default").
async function restoreStoredCluster() {
  const name = new URLSearchParams(location.search).get('cluster') ?? 'default';
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(name)) return;
  let meta = null;
  try {
    meta = await loadMeta(name);
  } catch (error) {
    console.warn('quorum: IndexedDB could not be read', error);
  }
  if (meta) {
    const answer = window.quorum.command({ cmd: 'restore', meta });
    if (!answer.ok) console.warn(`quorum: the stored cluster "${name}" could not be restored: ${answer.error}`);
  }
}

// A trap in the wasm (memory access out of bounds, ...) or an exception that
// escaped to JavaScript: the dashboard cannot go on.
const fromWasm = (error) => error instanceof WebAssembly.RuntimeError || (typeof WebAssembly.Exception === 'function' && error instanceof WebAssembly.Exception);
addEventListener('error', (event) => {
  if (fromWasm(event.error)) stop(event.error.message || String(event.error));
});
addEventListener('unhandledrejection', (event) => {
  if (fromWasm(event.reason)) stop(event.reason.message || String(event.reason));
});

// SDL listens for keys on the canvas (so the page's own controls keep theirs)
// but cancels the mouse events that would focus it: focus it on every press.
canvas.addEventListener('pointerdown', () => canvas.focus());

// One line per hosted node, from the scheduler tab's status post (web/join.js):
// its worker's status and the node's plain fields, e.g. "S4: up, here ·
// role follower · term 2 · commitIndex 5".
function showJoinedNodes(status) {
  const list = document.getElementById('join-nodes');
  list.replaceChildren();
  for (const { node, status: worker, here, fields } of status?.nodes ?? []) {
    const item = document.createElement('li');
    item.dataset.node = String(node);
    const details = Object.entries(fields ?? {}).map(([key, value]) => `${key} ${value}`);
    item.textContent = [`S${node}: ${worker}${here ? ', here' : ''}`, ...details].join(' · ');
    list.appendChild(item);
  }
  if (status) {
    document.getElementById('join-time').textContent = `As the scheduler saw them at t = ${(status.nowUs / 1e6).toFixed(3)} s:`;
  }
}

// ?join=4,5&cluster=<name>: this tab only hosts those nodes' workers for the
// tab that runs the cluster; no dashboard here.
function joinMode() {
  const params = new URLSearchParams(location.search);
  if (!params.has('join')) return false;
  const cluster = params.get('cluster') ?? 'default';
  const nodes = (params.get('join') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 9);
  loading.hidden = true;
  canvas.hidden = true;
  const panel = document.getElementById('join');
  panel.hidden = false;
  document.getElementById('join-title').textContent = `Quorum: hosting nodes ${nodes.join(', ')} of "${cluster}"`;
  const host = hostNodes(cluster, nodes, (running, status) => {
    document.getElementById('join-running').textContent = running.length > 0
      ? `Running here now: ${running.map((n) => `S${n}`).join(', ')}.`
      : 'Waiting for the tab that runs the cluster to start them.';
    showJoinedNodes(status);
  });
  window.quorum.joined = { cluster, nodes, host };
  return true;
}

const problem = missingFeature();
if (joinMode()) {
  // nothing else to load
} else if (problem) {
  showProblem('Quorum cannot run in this browser', problem);
} else {
  const script = document.createElement('script');
  script.src = 'quorum.js';
  script.onerror = () => showProblem('Quorum could not load', 'quorum.js could not be fetched from the server.');
  document.body.appendChild(script);
}
