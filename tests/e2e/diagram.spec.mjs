// The space-time diagram and the client history view, with real mouse moves
// and clicks: an arrow under the pointer is the message the other panels
// highlight, a click selects it, a message selected elsewhere is brought into
// view; the history view draws one interval per operation and a click on one
// selects its client's invoke and answer events; the diagram's SVG export is
// well-formed. Also writes the screenshots docs/ shows, at 1280x720 and at
// 1920x1080 in projector mode.
import { mkdirSync } from 'node:fs';

import { artifactsDir, clickWidget, expect, nextFrames, test, widget } from './fixtures.mjs';

const state = (page) => page.evaluate(() => window.quorum.state());
const command = (page, cmd) => page.evaluate((c) => window.quorum.command(c), cmd);
const widgets = (page) => page.evaluate(() => window.quorum.widgets());

async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  await nextFrames(page, 3);
  await page.screenshot({ path: `${artifactsDir}/${name}` });
}

// A paused 3-node Raft cluster one virtual second in: an election and heartbeats.
async function settledCluster(page) {
  expect(await command(page, { cmd: 'reset', algorithm: 'raft', nodes: 3, seed: 4, play: false })).toEqual({ ok: true });
  expect(await command(page, { cmd: 'run', ms: 1000 })).toEqual({ ok: true });
}

async function arrows(page) {
  const named = await widgets(page);
  return Object.entries(named)
    .filter(([name]) => name.startsWith('diagram.arrow.'))
    .map(([name, rect]) => ({ id: Number(name.slice('diagram.arrow.'.length)), x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 }));
}

test('a hovered diagram arrow highlights its message; a click selects it; a selection elsewhere is brought into view', async ({ dashboard }) => {
  await settledCluster(dashboard);
  await clickWidget(dashboard, 'tab.diagram');
  await nextFrames(dashboard, 3);
  const drawn = await arrows(dashboard);
  expect(drawn.length, 'delivered arrows in view').toBeGreaterThan(0);
  const arrow = drawn[0];

  await dashboard.mouse.move(arrow.x, arrow.y);
  await nextFrames(dashboard, 3);
  expect((await state(dashboard)).hoveredMessage).toBe(arrow.id);
  // The trace has that message's send: the hover names a real message.
  const trace = await dashboard.evaluate(() => window.quorum.trace());
  expect(trace).toContain(`"ev":"send","id":${arrow.id},`);
  await widget(dashboard, 'diagram.hovered');

  await dashboard.mouse.click(arrow.x, arrow.y);
  await nextFrames(dashboard, 3);
  expect((await state(dashboard)).selection).toEqual({ message: arrow.id });

  // Off the diagram the hover ends; the selection stays.
  const tab = await widget(dashboard, 'tab.events');
  await dashboard.mouse.move(tab.x + tab.width / 2, tab.y + tab.height / 2);
  await nextFrames(dashboard, 3);
  expect((await state(dashboard)).hoveredMessage).toBeNull();

  // The very first message, long out of view: selecting it scrolls to it.
  expect(await command(dashboard, { cmd: 'select', message: 1 })).toEqual({ ok: true });
  await nextFrames(dashboard, 4);
  await widget(dashboard, 'diagram.selected');
  await screenshot(dashboard, 'diagram-1280.png');
});

test('the history view draws an interval per operation and a click selects its client', async ({ dashboard }) => {
  await settledCluster(dashboard);
  for (const [op, value] of [['put', '1'], ['get', ''], ['append', '2'], ['get', '']]) {
    expect(await command(dashboard, { cmd: 'client', op, key: 'x', value })).toEqual({ ok: true });
    expect(await command(dashboard, { cmd: 'run', ms: 30 })).toEqual({ ok: true });
  }
  expect(await command(dashboard, { cmd: 'run', ms: 500 })).toEqual({ ok: true });
  const history = await dashboard.evaluate(() => window.quorum.history());
  expect(history.length).toBe(4);
  await clickWidget(dashboard, 'tab.history');
  await nextFrames(dashboard, 3);
  const verdict = await widget(dashboard, 'history.verdict');
  expect(verdict.width).toBeGreaterThan(0);
  for (let index = 0; index < 4; index++) {
    const bar = await widget(dashboard, `history.op.${index}`);
    expect(bar.width, `operation ${index} drawn as an interval`).toBeGreaterThan(2);
  }
  // Later operations start further right.
  expect((await widget(dashboard, 'history.op.3')).x).toBeGreaterThan((await widget(dashboard, 'history.op.0')).x);
  await clickWidget(dashboard, 'history.op.1');
  await nextFrames(dashboard, 3);
  expect((await state(dashboard)).selection).toEqual({ client: history[1].client });
  await screenshot(dashboard, 'history-1280.png');
});

test('the diagram exports as well-formed SVG, by button and for scripts', async ({ dashboard }) => {
  await settledCluster(dashboard);
  await clickWidget(dashboard, 'tab.diagram');
  await nextFrames(dashboard, 3);
  const svg = await dashboard.evaluate(() => window.quorum.diagramSvg());
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  const parsed = await dashboard.evaluate((text) => {
    const document = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: document.querySelector('parsererror')?.textContent ?? null,
      root: document.documentElement.nodeName,
      lines: document.querySelectorAll('line').length,
      labels: [...document.querySelectorAll('text')].map((t) => t.textContent),
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.lines).toBeGreaterThan(10);
  expect(parsed.labels).toEqual(expect.arrayContaining(['S1', 'S2', 'S3', 'clients']));

  const download = dashboard.waitForEvent('download');
  await clickWidget(dashboard, 'diagram.export');
  const file = await download;
  expect(file.suggestedFilename()).toBe('quorum-diagram.svg');
});

test('projector mode at 1920x1080: the diagram and the history fit', async ({ dashboard }) => {
  await dashboard.setViewportSize({ width: 1920, height: 1080 });
  expect(await command(dashboard, { cmd: 'projector', on: true })).toEqual({ ok: true });
  await settledCluster(dashboard);
  expect(await command(dashboard, { cmd: 'client', op: 'put', key: 'x', value: '1' })).toEqual({ ok: true });
  expect(await command(dashboard, { cmd: 'run', ms: 300 })).toEqual({ ok: true });
  // The larger font is loaded over a few frames: the layout settles first.
  await nextFrames(dashboard, 10);
  await clickWidget(dashboard, 'tab.diagram');
  await nextFrames(dashboard, 3);
  await screenshot(dashboard, 'diagram-1920-projector.png');
  const canvas = await widget(dashboard, 'diagram.canvas');
  expect(canvas.y + canvas.height).toBeLessThanOrEqual(1080);
  await clickWidget(dashboard, 'tab.history');
  await nextFrames(dashboard, 3);
  await widget(dashboard, 'history.op.0');
  await screenshot(dashboard, 'history-1920-projector.png');
});
