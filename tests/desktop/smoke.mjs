// The desktop dashboard under Xvfb: it starts, draws frames with OpenGL 3,
// writes a screenshot, and the screenshot shows a title bar with text in it.
//
// usage: node tests/desktop/smoke.mjs QUORUM_DESKTOP_BINARY OUT.png
//
// LeakSanitizer is off for this one process: Mesa, X11 and D-Bus keep
// allocations for the life of the process that it reports without usable
// stacks. The core's suites run with leak detection on.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PNG } from 'pngjs';

const [binary, output] = process.argv.slice(2);
if (!binary || !output) {
  console.error('usage: node tests/desktop/smoke.mjs QUORUM_DESKTOP_BINARY OUT.png');
  process.exit(2);
}
mkdirSync(dirname(output), { recursive: true });

const run = spawnSync(
  'xvfb-run',
  ['-a', '-s', '-screen 0 1280x720x24', binary, '--frames', '5', '--screenshot', output],
  { encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' }, timeout: 90_000 },
);
process.stdout.write(run.stdout ?? '');
process.stderr.write(run.stderr ?? '');
if (run.status !== 0) {
  console.error(`FAIL: the desktop dashboard exited with ${run.status ?? run.signal ?? run.error}`);
  process.exit(1);
}

const png = PNG.sync.read(readFileSync(output));
function stats(x0, y0, x1, y1) {
  let n = 0;
  const sum = [0, 0, 0];
  const squares = [0, 0, 0];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      for (let c = 0; c < 3; c++) {
        sum[c] += png.data[i + c];
        squares[c] += png.data[i + c] ** 2;
      }
      n++;
    }
  }
  const mean = sum.map((s) => s / n);
  const spread = Math.sqrt(squares.reduce((a, s, c) => a + s / n - mean[c] ** 2, 0));
  return { mean, spread };
}

const failures = [];
if (png.width !== 1280 || png.height !== 720) failures.push(`screenshot is ${png.width}x${png.height}, not 1280x720`);
const background = [20, 23, 28];  // main.cpp's clear colour
const titleBar = stats(0, 0, 300, 18);  // "Quorum  consensus lab  View"
const distance = Math.hypot(...titleBar.mean.map((m, c) => m - background[c]));
if (distance < 10) failures.push(`title bar looks like the background (colour distance ${distance.toFixed(1)})`);
if (titleBar.spread < 20) failures.push(`title bar has no text in it (spread ${titleBar.spread.toFixed(1)})`);

if (failures.length) {
  for (const failure of failures) console.error(`FAIL: ${failure}`);
  process.exit(1);
}
console.log(`desktop dashboard drew 5 frames; screenshot ${output}`);
