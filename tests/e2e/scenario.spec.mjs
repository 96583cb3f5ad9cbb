// Scenarios in the page: load a bundled one from the Setup panel, step a line
// and run it to the end with real clicks, see every expect hold; export the
// scenario and the trace as downloads, import a scenario through the file
// picker, and see a broken expectation named with its line.
import { mkdirSync, readFileSync } from 'node:fs';

import { artifactsDir, clickWidget, expect, nextFrames, pressKey, test } from './fixtures.mjs';

const state = (page) => page.evaluate(() => window.quorum.state());
const command = (page, cmd) => page.evaluate((c) => window.quorum.command(c), cmd);

test('load a scenario in Setup, step one line, run it to the end: every expect holds', async ({ dashboard }) => {
  await clickWidget(dashboard, 'tab.setup');
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'setup.scenario.load');  // raft/election.qs, picked by default
  await nextFrames(dashboard);
  let s = await state(dashboard);
  expect(s.scenario.name).toBe('raft/election.qs');
  expect(s.playing).toBe(false);
  expect(s.scenario.nextLine).toBe(4);  // after the comments and the cluster line
  expect(s.nodes.length).toBe(5);

  // Loading brought up the Scenario tab: its lines are drawn.
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'scenario.step');
  await nextFrames(dashboard);
  s = await state(dashboard);
  expect(s.scenario.results).toEqual([{ line: 4, ok: true, message: '' }]);
  expect(s.scenario.nextLine).toBe(5);
  expect(s.leader).not.toBeNull();
  // Three more lines: `crash leader` is next, highlighted.
  for (let i = 0; i < 3; i++) await clickWidget(dashboard, 'scenario.step');
  mkdirSync(artifactsDir, { recursive: true });
  await nextFrames(dashboard, 3);
  await dashboard.screenshot({ path: `${artifactsDir}/scenario.png` });

  // Back undoes the last line that changed the cluster (lines 5-7 changed
  // nothing: an expect and two remembers), and the script goes back with it.
  await pressKey(dashboard, 'ArrowLeft');
  s = await state(dashboard);
  expect(s.scenario.nextLine).toBe(4);
  expect(s.scenario.results).toEqual([]);
  expect(s.leader).toBeNull();

  await clickWidget(dashboard, 'scenario.run');
  await nextFrames(dashboard);
  s = await state(dashboard);
  expect(s.scenario.finished).toBe(true);
  expect(s.scenario.passed).toBe(true);
  expect(s.scenario.nextLine).toBeNull();
  expect(s.scenario.results.map((r) => r.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  expect(s.scenario.results.every((r) => r.ok)).toBe(true);
  expect(s.scenario.summary).toMatch(/^passed: 12 of 12 lines \(seed 42, t=/);
});

test('a failed expect stops the run and names its line', async ({ dashboard }) => {
  const text = 'cluster raft nodes=3 seed=9\nrun 1s\nexpect no leader\nrun 1s\n';
  expect((await command(dashboard, { cmd: 'loadScenario', name: 'mine.qs', text })).ok).toBe(true);
  expect((await command(dashboard, { cmd: 'scenarioRun' })).ok).toBe(true);
  const s = await state(dashboard);
  expect(s.scenario.finished).toBe(true);
  expect(s.scenario.passed).toBe(false);
  expect(s.scenario.results.at(-1)).toMatchObject({ line: 3, ok: false });
  expect(s.scenario.summary).toMatch(/^mine\.qs:3:1: expect no leader: false/);
  // A script that does not parse is refused, and the running one stays.
  const refused = await command(dashboard, { cmd: 'loadScenario', name: 'bad.qs', text: 'cluster raft nodes=0\n' });
  expect(refused.ok).toBe(false);
  expect(refused.error).toMatch(/^bad\.qs:1:/);
  expect((await state(dashboard)).scenario.name).toBe('mine.qs');
});

test('export the scenario and the trace as files; import a scenario through the file picker', async ({ dashboard }) => {
  await command(dashboard, { cmd: 'loadScenario', name: 'multipaxos/basic.qs' });
  await command(dashboard, { cmd: 'scenarioRun' });
  expect((await state(dashboard)).scenario.passed).toBe(true);
  await nextFrames(dashboard);

  const [scenarioFile] = await Promise.all([dashboard.waitForEvent('download'), clickWidget(dashboard, 'scenario.export')]);
  expect(scenarioFile.suggestedFilename()).toBe('basic.qs');
  expect(readFileSync(await scenarioFile.path(), 'utf8')).toContain('cluster multipaxos nodes=5');

  const [traceFile] = await Promise.all([dashboard.waitForEvent('download'), clickWidget(dashboard, 'scenario.export_trace')]);
  expect(traceFile.suggestedFilename()).toBe('basic-seed1.jsonl');
  const lines = readFileSync(await traceFile.path(), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  expect(lines[0]).toMatchObject({ ev: 'cluster', algo: 'multipaxos', nodes: 5 });
  expect(lines.some((line) => line.ev === 'apply' && line.slot === 5)).toBe(true);

  // Import: the picker's file is loaded as the running scenario.
  const [chooser] = await Promise.all([dashboard.waitForEvent('filechooser'), clickWidget(dashboard, 'scenario.import')]);
  await chooser.setFiles({ name: 'lesson.qs', mimeType: 'text/plain', buffer: Buffer.from('cluster raft nodes=3\nrun until leader within 2s\nexpect leader\n') });
  await dashboard.waitForFunction(() => window.quorum.state().scenario?.name === 'lesson.qs');
  await command(dashboard, { cmd: 'scenarioRun' });
  expect((await state(dashboard)).scenario.passed).toBe(true);

  // A trace comes back in as a file too, and is checked.
  await command(dashboard, { cmd: 'import', name: 'run.jsonl', text: readFileSync(await traceFile.path(), 'utf8') });
  expect((await state(dashboard)).fileNotice).toMatch(/^run\.jsonl: \d+ lines, .* no rule broken$/);
});
