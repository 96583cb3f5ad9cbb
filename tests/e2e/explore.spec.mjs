// The Explore panel (shell/dashboard/explore_panel.hpp): from a bug-zoo
// lesson's state before its `expect violation` line, a click on Explore finds
// the violation while the page keeps drawing, "Load counterexample" puts it
// on the dashboard as a scenario that replays to the same rule; look-ahead
// marks the step that breaks the rule; bad commands get clear answers.
import { mkdirSync, readFileSync } from 'node:fs';

import { artifactsDir, clickWidget, expect, nextFrames, test } from './fixtures.mjs';

const state = (page) => page.evaluate(() => window.quorum.state());
const command = (page, cmd) => page.evaluate((c) => window.quorum.command(c), cmd);

// Loads a bundled lesson (assets/scenarios/<name>) and runs its lines up to
// its first `expect violation`: the state the lesson breaks the rule from.
async function lessonStart(page, name) {
  const lines = readFileSync(`assets/scenarios/${name}`, 'utf8').split('\n');
  const stopAt = lines.findIndex((line) => line.startsWith('expect violation')) + 1;
  expect(stopAt).toBeGreaterThan(0);
  expect((await command(page, { cmd: 'loadScenario', name })).ok).toBe(true);
  for (let s = await state(page); s.scenario.nextLine !== null && s.scenario.nextLine < stopAt; s = await state(page)) {
    expect((await command(page, { cmd: 'scenarioStep' })).ok).toBe(true);
  }
  const s = await state(page);
  expect(s.scenario.nextLine).toBe(stopAt);
  expect(s.scenario.passed).toBe(true);
}

test('explore a bug-zoo lesson with clicks: the violation, then the counterexample on the timeline', async ({ dashboard }) => {
  await lessonStart(dashboard, 'raft/bug-forget-vote.qs');
  let s = await state(dashboard);
  expect(s.violation).toBeNull();
  expect(s.explore.started).toBe(false);

  await clickWidget(dashboard, 'tab.explore');
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'explore.start');
  await dashboard.waitForFunction(() => window.quorum.state().explore.running === false && window.quorum.state().explore.started, null, { timeout: 30_000 });
  s = await state(dashboard);
  expect(s.explore.violation).not.toBeNull();
  expect(s.explore.violation.rule).toBe('election safety');
  expect(s.explore.violation.path).toEqual(['deliver 2 -> 1 RequestVoteResponse']);
  expect(s.explore.states).toBeGreaterThan(0);
  mkdirSync(artifactsDir, { recursive: true });
  await nextFrames(dashboard, 3);
  await dashboard.screenshot({ path: `${artifactsDir}/explore.png` });
  // Projector mode at 1920x1080: the panel as a class sees it.
  await dashboard.setViewportSize({ width: 1920, height: 1080 });
  expect((await command(dashboard, { cmd: 'projector', on: true })).ok).toBe(true);
  await nextFrames(dashboard, 5);
  await dashboard.screenshot({ path: `${artifactsDir}/explore-projector-1920.png` });
  expect((await command(dashboard, { cmd: 'projector', on: false })).ok).toBe(true);
  await dashboard.setViewportSize({ width: 1280, height: 720 });
  await nextFrames(dashboard, 5);

  await clickWidget(dashboard, 'explore.load');
  await nextFrames(dashboard);
  s = await state(dashboard);
  expect(s.scenario.name).toBe('counterexample.qs');
  expect(s.violation).toBeNull();  // the session starts over from the search's start
  await clickWidget(dashboard, 'tab.scenario');
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'scenario.run');
  await nextFrames(dashboard);
  s = await state(dashboard);
  expect(s.scenario.passed).toBe(true);
  expect(s.violation).toMatch(/^election safety/);
});

test('a search too big for one frame runs in slices: frames keep coming, and Stop ends it', async ({ dashboard }) => {
  expect((await command(dashboard, { cmd: 'reset', algorithm: 'raft', nodes: 3, play: false })).ok).toBe(true);
  await command(dashboard, { cmd: 'hold', on: true });
  await clickWidget(dashboard, 'tab.explore');
  expect((await command(dashboard, { cmd: 'explore', search: 'bfs', depth: 30, maxStates: 50000000 })).ok).toBe(true);
  await nextFrames(dashboard, 10);
  let s = await state(dashboard);
  expect(s.explore.running).toBe(true);
  const before = s.explore.states;
  await nextFrames(dashboard, 10);
  expect((await state(dashboard)).explore.states).toBeGreaterThan(before);
  await clickWidget(dashboard, 'explore.stop');
  await nextFrames(dashboard);
  s = await state(dashboard);
  expect(s.explore.running).toBe(false);
  expect(s.explore.complete).toBe(false);
  expect(s.explore.violation).toBeNull();
});

test('look-ahead marks the step that breaks a rule within k steps', async ({ dashboard }) => {
  await lessonStart(dashboard, 'raft/bug-forget-vote.qs');
  await clickWidget(dashboard, 'tab.explore');
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'explore.hints');
  await dashboard.waitForFunction(() => {
    const hints = window.quorum.state().explore.hints;
    return hints.length > 0 && hints.every((h) => h.verdict !== 'pending');
  }, null, { timeout: 30_000 });
  const { hints } = (await state(dashboard)).explore;
  const breaking = hints.find((h) => h.step === 'deliver 2 -> 1 RequestVoteResponse');
  expect(breaking).toMatchObject({ verdict: 'violation', rule: 'election safety' });
  await nextFrames(dashboard, 3);
  await dashboard.screenshot({ path: `${artifactsDir}/explore-hints.png` });
});

test('explore commands answer bad input clearly', async ({ dashboard }) => {
  const bad = [
    [{ cmd: 'explore', depth: 0 }, /"depth" must be a whole number from 1 to 64/],
    [{ cmd: 'explore', search: 'sideways' }, /"search" must be bfs, dfs or random/],
    [{ cmd: 'explore', action: 'fly' }, /"action" must be start, stop, load, shrink or hints/],
    [{ cmd: 'explore', maxStates: -5 }, /"maxStates" must be a whole number/],
    [{ cmd: 'explore', action: 'load' }, /No counterexample to load/],
    [{ cmd: 'explore', action: 'stop' }, /No search is running/],
    [{ cmd: 'explore', action: 'shrink' }, /Nothing to shrink/],
  ];
  for (const [cmd, error] of bad) {
    const answer = await command(dashboard, cmd);
    expect(answer.ok, JSON.stringify(cmd)).toBe(false);
    expect(answer.error).toMatch(error);
  }
  // Paxos's ids are not interchangeable: symmetry is refused, naming why.
  expect((await command(dashboard, { cmd: 'reset', algorithm: 'paxos', nodes: 3, play: false })).ok).toBe(true);
  const answer = await command(dashboard, { cmd: 'explore', symmetry: true });
  expect(answer.ok).toBe(false);
  expect(answer.error).toMatch(/not interchangeable/);
});
