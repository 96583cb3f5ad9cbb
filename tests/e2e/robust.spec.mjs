// No input kills the page (issue 20): big files and the dashboard's own
// exported trace import back, a file over the limit is refused naming it, a
// run too long is refused up front, 1,000 seeded random commands are each
// answered, and a stop shows its real reason once. Also: time stands still
// under Hold, and buttons hold still when a node crashes.
import { readFileSync } from 'node:fs';

import { clickWidget, decodePng, expect, nextFrames, regionStats, test, widget } from './fixtures.mjs';

const state = (page) => page.evaluate(() => window.quorum.state());
const command = (page, cmd) => page.evaluate((c) => window.quorum.command(c), cmd);

test('the exported trace of a full event log imports back through the file picker', async ({ dashboard }) => {
  test.setTimeout(180_000);
  expect((await command(dashboard, { cmd: 'reset', nodes: 9, play: false })).ok).toBe(true);
  // Until the log holds its 100,000 events and has let older ones go.
  while ((await state(dashboard)).eventsDropped === 0) {
    expect((await command(dashboard, { cmd: 'run', ms: 60_000 })).ok).toBe(true);
  }
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'tab.scenario');
  await nextFrames(dashboard);
  const [download] = await Promise.all([dashboard.waitForEvent('download'), clickWidget(dashboard, 'scenario.export_trace')]);
  const text = readFileSync(await download.path());
  expect(text.length, 'a trace of about 10 MB').toBeGreaterThan(5 * 1024 * 1024);

  const [chooser] = await Promise.all([dashboard.waitForEvent('filechooser'), clickWidget(dashboard, 'scenario.import')]);
  await chooser.setFiles({ name: 'full.jsonl', mimeType: 'text/plain', buffer: text });
  await dashboard.waitForFunction(() => window.quorum.state().fileNotice.startsWith('full.jsonl'), null, { timeout: 60_000 });
  expect((await state(dashboard)).fileNotice).toMatch(/^full\.jsonl: \d+ lines, .* no rule broken$/);
});

test('a file over the limit is refused unread, naming the limit; a 2 MB scenario file is read', async ({ dashboard }) => {
  await clickWidget(dashboard, 'tab.scenario');
  await nextFrames(dashboard);
  const limit = await dashboard.evaluate(() => window.quorum.maxImportBytes);
  let [chooser] = await Promise.all([dashboard.waitForEvent('filechooser'), clickWidget(dashboard, 'scenario.import')]);
  await chooser.setFiles({ name: 'huge.jsonl', mimeType: 'text/plain', buffer: Buffer.alloc(limit + 1, 32) });
  await dashboard.waitForFunction(() => window.quorum.state().fileNotice.startsWith('huge.jsonl'));
  expect((await state(dashboard)).fileNotice).toContain('the page reads files of up to 32.0 MB');

  // A scenario padded to 2 MB with comments: read (today's page crashed at 1 MB).
  const padding = '# a comment line to make the file big enough\n'.repeat(48_000);
  [chooser] = await Promise.all([dashboard.waitForEvent('filechooser'), clickWidget(dashboard, 'scenario.import')]);
  await chooser.setFiles({ name: 'big.qs', mimeType: 'text/plain', buffer: Buffer.from(`cluster raft nodes=3\n${padding}run until leader within 2s\n`) });
  await dashboard.waitForFunction(() => window.quorum.state().scenario?.name === 'big.qs');
  expect((await command(dashboard, { cmd: 'scenarioRun' })).ok).toBe(true);
  expect((await state(dashboard)).scenario.passed).toBe(true);
});

test('a run too long is refused up front, as a command and as a scenario line', async ({ dashboard }) => {
  const answer = await command(dashboard, { cmd: 'run', ms: 40_000_000 });
  expect(answer.ok).toBe(false);
  expect(answer.error).toContain('from 1 to 120000');
  const loaded = await command(dashboard, { cmd: 'import', name: 'long.qs', text: 'cluster raft nodes=3\nrun 40000s\n' });
  expect(loaded.ok).toBe(false);
  expect(loaded.error).toContain('long.qs:2:1: a run of 40000s is longer than the dashboard runs in one line (120s');
  expect((await state(dashboard)).t).toBeLessThan(60_000_000);
});

test('out-of-range values are refused with a reason', async ({ dashboard }) => {
  for (const [cmd, reason] of [
    [{ cmd: 'network', loss: -1 }, '"loss" must be a number from 0 to 1'],
    [{ cmd: 'network', loss: 5 }, '"loss" must be a number from 0 to 1'],
    [{ cmd: 'network', latencyMinMs: 50, latencyMaxMs: 10 }, 'above its maximum'],
    [{ cmd: 'client', op: 'frobnicate', key: 'x' }, 'unknown client operation "frobnicate"'],
    [{ cmd: 'speed', value: 500 }, '"value" must be a number from 0.01 to 100'],
  ]) {
    const answer = await command(dashboard, cmd);
    expect(answer, JSON.stringify(cmd)).toEqual({ ok: false, error: expect.stringContaining(reason) });
  }
});

// A small seeded generator (mulberry32): the same 1,000 commands every run.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Why `cmd` must be refused, or null when it may be carried out: the rules
// the issue names (a value out of its range, an unknown operation or command,
// no command at all), so a page that answers "ok" to everything fails.
function mustRefuse(cmd) {
  const known = ['play', 'pause', 'step', 'back', 'deliver', 'drop', 'duplicate', 'fire', 'kill', 'restart',
    'killLeader', 'isolate', 'isolateLeader', 'split', 'heal', 'speed', 'run', 'hold', 'group', 'network',
    'client', 'select', 'projector', 'scenarioStep', 'import'];
  const number = (v) => typeof v === 'number' && Number.isFinite(v);
  if (typeof cmd !== 'object' || cmd === null || Array.isArray(cmd)) return 'it is not an object';
  if (!known.includes(cmd.cmd)) return 'the command is unknown';
  if (cmd.cmd === 'speed' && !(number(cmd.value) && cmd.value >= 0.01 && cmd.value <= 100)) return 'speed is 0.01..100';
  if (cmd.cmd === 'run' && !(number(cmd.ms) && cmd.ms >= 1 && cmd.ms <= 120_000)) return 'a run is 1..120000 ms';
  for (const key of ['loss', 'duplicate']) {
    if (cmd.cmd === 'network' && key in cmd && !(number(cmd[key]) && cmd[key] >= 0 && cmd[key] <= 1)) return `${key} is 0..1`;
  }
  if (cmd.cmd === 'client' && 'op' in cmd && !['put', 'get', 'append', 'add', 'propose'].includes(cmd.op)) return 'the operation is unknown';
  return null;
}

test('1,000 seeded random and malformed commands: each answered, the page alive', async ({ dashboard }) => {
  test.setTimeout(120_000);
  const answers = await dashboard.evaluate(([seedSource, refuseSource]) => {
    const random = new Function(`return (${seedSource})`)()(20);
    const mustRefuse = new Function(`return (${refuseSource})`)();
    const pick = (list) => list[Math.floor(random() * list.length)];
    const names = ['play', 'pause', 'step', 'back', 'deliver', 'drop', 'duplicate', 'fire', 'kill', 'restart',
      'killLeader', 'isolate', 'isolateLeader', 'split', 'heal', 'speed', 'run', 'hold', 'group', 'network',
      'client', 'select', 'projector', 'scenarioStep', 'import', 'frobnicate', '', 42, null];
    const keys = ['node', 'id', 'value', 'ms', 'on', 'loss', 'duplicate', 'latencyMinMs', 'latencyMaxMs', 'op',
      'key', 'with', 'message', 'text', 'name', 'size', 'reorder'];
    const values = [null, -1, 0, 1, 3, 2.5, 1e300, 'x', true, [1, 2], { a: 1 }, 40_000_000, '', 'frobnicate'];
    const out = [];
    for (let i = 0; i < 1000; i++) {
      let cmd = {};
      if (random() > 0.1) cmd.cmd = pick(names);
      for (let k = Math.floor(random() * 4); k > 0; k--) cmd[pick(keys)] = pick(values);
      if (random() < 0.03) cmd = pick([null, 7, 'text', [1], undefined]);
      const answer = window.quorum.command(cmd);
      const shaped = typeof answer === 'object' && answer !== null && typeof answer.ok === 'boolean' &&
        (answer.ok || typeof answer.error === 'string');
      const wrong = mustRefuse(cmd);
      out.push(!shaped ? `${JSON.stringify(cmd)}: answered ${JSON.stringify(answer)}`
        : wrong && answer.ok ? `${JSON.stringify(cmd)}: accepted, but ${wrong}` : null);
    }
    return out;
  }, [generator.toString(), mustRefuse.toString()]);
  expect(answers).toHaveLength(1000);
  expect(answers.filter(Boolean), 'every command answered ok or with an error, and nothing out of range accepted').toEqual([]);
  // What was accepted left the run in range.
  const after = await state(dashboard);
  expect(after.speed).toBeGreaterThanOrEqual(0.01);
  expect(after.speed).toBeLessThanOrEqual(100);
  await nextFrames(dashboard, 5);
  expect(await dashboard.evaluate(() => window.quorum.problem)).toBeNull();
  expect((await command(dashboard, { cmd: 'pause' })).ok).toBe(true);
});

test('a stop shows the real reason, blames WebGL only for WebGL, and logs one line', async ({ page, site }) => {
  const messages = [];
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  await page.goto(site);
  await page.waitForFunction(() => window.quorum?.ready === true);
  await page.evaluate(() => {
    const error = new WebAssembly.RuntimeError('memory access out of bounds');
    window.dispatchEvent(new ErrorEvent('error', { error, message: error.message }));
  });
  await expect(page.locator('#problem')).toBeVisible();
  await expect(page.locator('#problem-reason')).toContainText('memory access out of bounds');
  await expect(page.locator('#problem-advice')).toBeHidden();
  // Later calls are answered, not re-entered; the console stays at one line.
  expect(await page.evaluate(() => window.quorum.command({ cmd: 'step' }))).toEqual({ ok: false, error: 'the dashboard has stopped' });
  await page.waitForTimeout(500);
  expect(messages.filter((m) => /stopped|Aborted/.test(m))).toEqual([
    'error: quorum: the dashboard stopped: memory access out of bounds',
  ]);
});

test('under Hold the clock stands still; delivering the earliest message moves it to its due time', async ({ dashboard }) => {
  await command(dashboard, { cmd: 'run', ms: 3000 });
  await clickWidget(dashboard, 'tab.network');
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'net.hold');
  await nextFrames(dashboard);
  expect((await state(dashboard)).hold).toBe(true);
  await command(dashboard, { cmd: 'play' });
  const held = (await state(dashboard)).t;
  await nextFrames(dashboard, 30);
  expect((await state(dashboard)).t).toBe(held);
  const pending = (await state(dashboard)).inFlight;
  expect(pending.every((m) => m.due >= held)).toBe(true);
  if (pending.length > 0) {
    const earliest = pending.reduce((a, b) => (b.due < a.due || (b.due === a.due && b.id < a.id) ? b : a));
    // Move away from the table first so its rows follow the due order.
    await dashboard.mouse.move(5, 5);
    await nextFrames(dashboard, 2);
    await clickWidget(dashboard, `net.deliver.${earliest.id}`);
    await nextFrames(dashboard);
    const after = await state(dashboard);
    expect(after.t).toBe(earliest.due);
    expect(after.inFlight.every((m) => m.due >= after.t)).toBe(true);
  }
});

test('Chaos buttons hold still when a node crashes', async ({ dashboard }) => {
  await clickWidget(dashboard, 'tab.chaos');
  await nextFrames(dashboard);
  const names = [1, 2, 3].flatMap((n) => [`chaos.kill.${n}`, `chaos.isolate.${n}`]);
  const before = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await widget(dashboard, n)])));
  await clickWidget(dashboard, 'chaos.kill.2');
  await nextFrames(dashboard, 3);
  expect((await state(dashboard)).nodes[1].up).toBe(false);
  const after = await dashboard.evaluate(() => window.quorum.widgets());
  for (const name of names.filter((n) => n !== 'chaos.kill.2')) {
    expect(after[name], name).toEqual(before[name]);
  }
  expect(after['chaos.restart.2']).toEqual(before['chaos.kill.2']);
});

// Which panel each named widget belongs to, by its name's first part. Table
// columns are "net.column.<name>" and "logs.column.<name>" (record_table_columns).
const PANEL_OF = {
  net: 'panel.network', logs: 'panel.logs', chaos: 'panel.chaos', client: 'panel.clients', setup: 'panel.setup',
  node: 'panel.cluster', cluster: 'panel.cluster', inspector: 'panel.inspector',
};

function inside(inner, outer, slack = 1) {
  return inner.x >= outer.x - slack && inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
}

// Rows of a scrolling table may be cut at its bottom edge (the rest is a
// scroll away); nothing may be cut at the sides or fall outside the window.
function horizontallyInside(inner, outer, slack = 1) {
  return inner.x >= outer.x - slack && inner.x + inner.width <= outer.x + outer.width + slack;
}

// What each tab must show for the check to mean something: a column pushed
// off the panel has no buttons drawn, so checking only the rectangles that
// exist would pass on exactly the bug it is for.
const MUST_SHOW = {
  'tab.network': () => ['net.column.event', 'net.column.act', 'net.step'],
  'tab.logs': (algorithm) => [{ raft: 'logs.column.S5', paxos: 'logs.column.learned', multipaxos: 'logs.column.A5' }[algorithm]],
  'tab.chaos': () => ['chaos.kill.5', 'chaos.isolate.5', 'chaos.keys'],
};

for (const { width, height, projector } of [
  { width: 1280, height: 720, projector: false },
  { width: 1920, height: 1080, projector: true },
]) {
  test(`at ${width}x${height}${projector ? ' in projector mode' : ''} nothing is clipped: every named widget and table column of every tab, for every protocol, lies inside its panel and the window`, async ({ dashboard }) => {
    test.setTimeout(240_000);
    await dashboard.setViewportSize({ width, height });
    if (projector) expect((await command(dashboard, { cmd: 'projector', on: true })).ok).toBe(true);
    const problems = [];
    for (const algorithm of ['raft', 'paxos', 'multipaxos']) {
      expect((await command(dashboard, { cmd: 'reset', algorithm, nodes: 5, seed: 3, play: false })).ok).toBe(true);
      await command(dashboard, { cmd: 'run', ms: 3000 });
      await command(dashboard, { cmd: 'kill', node: 2 });
      await command(dashboard, { cmd: 'hold', on: true });
      await command(dashboard, { cmd: 'fire', node: 1 });
      // A notice in the Cluster panel's header (it wraps at the panel's edge).
      await command(dashboard, { cmd: 'run', ms: 1 });
      for (const tab of ['tab.network', 'tab.logs', 'tab.events', 'tab.chaos', 'tab.clients', 'tab.invariants', 'tab.setup']) {
        await clickWidget(dashboard, tab);
        await nextFrames(dashboard, 2);
        await dashboard.mouse.move(2, height - 2);
        await nextFrames(dashboard, 4);
        const widgets = await dashboard.evaluate(() => window.quorum.widgets());
        const screen = { x: 0, y: 0, width, height };
        for (const [name, rect] of Object.entries(widgets)) {
          if (!inside(rect, screen)) problems.push(`${algorithm} ${name} outside the window: ${JSON.stringify(rect)}`);
          const panelName = PANEL_OF[name.split('.')[0]];
          const panel = widgets[panelName];
          if (panel && !horizontallyInside(rect, panel)) problems.push(`${algorithm} ${name} cut by ${panelName}: ${JSON.stringify(rect)} in ${JSON.stringify(panel)}`);
        }
        for (const name of MUST_SHOW[tab]?.(algorithm) ?? []) {
          if (!widgets[name]) problems.push(`${algorithm} ${tab}: ${name} not drawn`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
}

test('a crashed node keeps its durable state on screen, greyed: its log in Logs, its term, vote and log in the Inspector', async ({ dashboard }) => {
  expect((await command(dashboard, { cmd: 'reset', algorithm: 'raft', nodes: 3, seed: 3, play: false })).ok).toBe(true);
  await command(dashboard, { cmd: 'run', ms: 3000 });
  for (const value of ['1', '2', '3']) expect((await command(dashboard, { cmd: 'client', op: 'put', key: 'x', value })).ok).toBe(true);
  await command(dashboard, { cmd: 'run', ms: 2000 });
  const { leader } = await state(dashboard);
  const follower = [1, 2, 3].find((n) => n !== leader);
  await clickWidget(dashboard, 'tab.chaos');
  await nextFrames(dashboard);
  await clickWidget(dashboard, `chaos.kill.${follower}`);
  await nextFrames(dashboard);
  expect((await state(dashboard)).nodes[follower - 1].up).toBe(false);

  // Logs: the crashed node's column holds its entries (text on grey cells),
  // where an empty column shows only the rows' background.
  await clickWidget(dashboard, 'tab.logs');
  await nextFrames(dashboard, 2);
  await dashboard.mouse.move(2, 2);
  await nextFrames(dashboard, 4);
  const widgets = await dashboard.evaluate(() => window.quorum.widgets());
  const header = widgets[`logs.column.S${follower} (down)`];
  expect(header, `the crashed node has a Logs column: ${Object.keys(widgets).filter((n) => n.startsWith('logs'))}`).toBeTruthy();
  const cells = { x: header.x + 2, y: header.y + header.height + 2, width: header.width - 4, height: header.height * 3 };
  const png = decodePng(await dashboard.screenshot());
  expect(regionStats(png, cells).spread, 'entries drawn in the crashed node\'s column').toBeGreaterThan(15);

  // The Inspector: what its disk holds, below the "(crashed ...)" line.
  await clickWidget(dashboard, `node.${follower}`);
  await nextFrames(dashboard, 2);
  expect((await state(dashboard)).selection).toEqual(expect.objectContaining({ node: follower }));
  await dashboard.mouse.move(2, 2);
  await nextFrames(dashboard, 4);
  const durable = await widget(dashboard, 'inspector.durable');
  expect(durable, 'the Inspector shows the durable state').toBeTruthy();
  expect(durable.height, 'the disk line and at least three entries').toBeGreaterThan(header.height * 3);
  const inspector = decodePng(await dashboard.screenshot());
  expect(regionStats(inspector, durable).spread).toBeGreaterThan(15);
});

test('slow motion (on by default) plays an election at its slower speed and says so; a click turns it off', async ({ dashboard }) => {
  expect((await command(dashboard, { cmd: 'reset', algorithm: 'raft', nodes: 5, seed: 3, play: false })).ok).toBe(true);
  let s = await state(dashboard);
  expect(s.slowMotion).toEqual({ on: true, speed: 0.01, type: '', reason: '' });
  expect(s.effectiveSpeed).toBe(s.speed);
  // Event by event, up to the first election's messages in flight.
  for (let i = 0; i < 50 && (await state(dashboard)).slowMotion.reason === ''; i++) {
    expect((await command(dashboard, { cmd: 'step' })).ok).toBe(true);
  }
  s = await state(dashboard);
  expect(s.slowMotion.reason).toBe('election or ballot');
  expect(s.effectiveSpeed).toBe(0.01);
  await nextFrames(dashboard);
  // The time bar says which speed applies and why.
  const applies = await widget(dashboard, 'text.speed_applies');
  expect(applies.width, 'the speed and the reason').toBeGreaterThan((await widget(dashboard, 'button.speed.0.1x')).width * 3);

  await clickWidget(dashboard, 'button.slow_motion');
  await nextFrames(dashboard, 2);
  s = await state(dashboard);
  expect(s.slowMotion.on).toBe(false);
  expect(s.effectiveSpeed).toBe(s.speed);

  // Back on, and slowed by a chosen message type once a leader is elected.
  await clickWidget(dashboard, 'button.slow_motion');
  await nextFrames(dashboard, 2);
  expect((await state(dashboard)).slowMotion.on).toBe(true);
  await command(dashboard, { cmd: 'run', ms: 3000 });
  expect((await state(dashboard)).leader).not.toBeNull();
  const betweenNodes = (m) => m.from <= 5 && m.to <= 5;
  for (let i = 0; i < 50 && !(await state(dashboard)).inFlight.some(betweenNodes); i++) {
    expect((await command(dashboard, { cmd: 'step' })).ok).toBe(true);
  }
  const type = (await state(dashboard)).inFlight.find(betweenNodes)?.type;
  expect(type).toBeTruthy();
  expect((await command(dashboard, { cmd: 'slowMotion', type })).ok).toBe(true);
  s = await state(dashboard);
  expect(s.slowMotion.reason).toBe(`${type} in flight`);
  expect(s.effectiveSpeed).toBe(0.01);
  // Fast-forwarding (1x and up) is never slowed.
  await clickWidget(dashboard, 'button.speed.1x');
  await nextFrames(dashboard, 2);
  s = await state(dashboard);
  expect(s.effectiveSpeed).toBe(1);
  expect((await command(dashboard, { cmd: 'slowMotion', speed: 500 })).error).toContain('"speed" must be a number from 0.01 to 100');
});
