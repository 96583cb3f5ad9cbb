// The cluster dashboard with real mouse and keyboard: a leader is elected and
// drawn as one, killing it by clicking brings a new one, manual mode delivers
// one RequestVote at a time, and step back goes back. The tests also write the
// screenshots docs/ shows (./quorum screenshots).
import { mkdirSync } from 'node:fs';

import {
  artifactsDir, clickWidget, colourDistance, decodePng, expect, nextFrames, pressKey, regionStats, test,
  widget,
} from './fixtures.mjs';

// theme.hpp: Okabe-Ito bluish green for leaders.
const LEADER_GREEN = [0, 158, 115];

const state = (page) => page.evaluate(() => window.quorum.state());
const command = (page, cmd) => page.evaluate((c) => window.quorum.command(c), cmd);

async function waitForState(page, predicate, arg) {
  await page.waitForFunction(
    ([source, value]) => new Function('s', 'arg', `return (${source})(s, arg)`)(window.quorum.state(), value),
    [predicate.toString(), arg],
    { timeout: 30_000 },
  );
}

async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  await nextFrames(page, 3);
  return page.screenshot({ path: `${artifactsDir}/${name}` });
}

// A stretch of the node's fill, left of its letter.
function nodeFill(rect) {
  return { x: rect.x + rect.width * 0.15, y: rect.y + rect.height * 0.4, width: rect.width * 0.15, height: rect.height * 0.2 };
}

test('elects a leader and draws it as the leader; killing it by clicking brings a new one', async ({ dashboard }) => {
  await clickWidget(dashboard, 'button.speed.1x');
  await waitForState(dashboard, (s) => s.leader !== null);
  await pressKey(dashboard, 'Space');
  const paused = await state(dashboard);
  expect(paused.playing).toBe(false);
  const leader = paused.leader;
  expect(paused.nodes[leader - 1].role).toBe('leader');

  // The leader's shape is filled with the leader colour.
  const png = decodePng(await screenshot(dashboard, 'raft-leader.png'));
  const fill = regionStats(png, nodeFill(await widget(dashboard, `node.${leader}`)));
  expect(colourDistance(fill.mean, LEADER_GREEN), 'leader drawn in the leader colour').toBeLessThan(40);

  // Select it by clicking it, kill it with the Chaos panel's button.
  await clickWidget(dashboard, `node.${leader}`);
  await nextFrames(dashboard);
  expect((await state(dashboard)).selection).toEqual({ node: leader });
  await clickWidget(dashboard, `chaos.kill.${leader}`);
  await nextFrames(dashboard);
  expect((await state(dashboard)).nodes[leader - 1].up).toBe(false);

  await pressKey(dashboard, 'Space');
  await waitForState(dashboard, (s, old) => s.leader !== null && s.leader !== old, leader);
});

test('manual mode: deliver one RequestVote by clicking, see the vote counted, step back', async ({ dashboard }) => {
  // PreVote off: a timeout goes straight to RequestVote.
  expect((await command(dashboard, { cmd: 'reset', seed: 3, preVote: false, play: false })).ok).toBe(true);
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'button.hold');
  await nextFrames(dashboard);
  expect((await state(dashboard)).hold).toBe(true);

  // Node 1's election timeout, fired by hand: it becomes a candidate.
  await clickWidget(dashboard, 'net.fire.1');
  await nextFrames(dashboard);
  let s = await state(dashboard);
  expect(s.nodes[0].role).toBe('candidate');
  expect(s.nodes[0].votes).toBe(1);
  const requests = s.inFlight.filter((m) => m.type === 'RequestVote' && m.from === 1);
  expect(requests.length).toBe(4);
  await screenshot(dashboard, 'manual-network.png');

  // Deliver the first-due RequestVote: its receiver votes for node 1...
  const request = requests.reduce((a, b) => (b.due < a.due ? b : a));
  // Off the table first: while the mouse is over it its rows keep their
  // places (new ones last); away from it they follow the due order.
  await dashboard.mouse.move(5, 5);
  await nextFrames(dashboard, 2);
  await clickWidget(dashboard, `net.deliver.${request.id}`);
  await nextFrames(dashboard);
  s = await state(dashboard);
  expect(s.nodes[request.to - 1].votedFor).toBe(1);
  const answer = s.inFlight.find((m) => m.type === 'RequestVoteResponse' && m.from === request.to);
  expect(answer.label).toBe('RV+');

  // ...and delivering the answer counts the vote.
  await dashboard.mouse.move(5, 5);
  await nextFrames(dashboard, 2);
  await clickWidget(dashboard, `net.deliver.${answer.id}`);
  await nextFrames(dashboard);
  expect((await state(dashboard)).nodes[0].votes).toBe(2);

  // Step back: before the answer arrived, then before the vote.
  await pressKey(dashboard, 'ArrowLeft');
  s = await state(dashboard);
  expect(s.nodes[0].votes).toBe(1);
  expect(s.nodes[request.to - 1].votedFor).toBe(1);
  await pressKey(dashboard, 'ArrowLeft');
  expect((await state(dashboard)).nodes[request.to - 1].votedFor).toBeNull();
});

test('a Raft cluster mid-election', async ({ dashboard }) => {
  await command(dashboard, { cmd: 'reset', seed: 7, play: false });
  // Step until a candidate's RequestVotes are on the wire.
  for (let i = 0; i < 200; i++) {
    const s = await state(dashboard);
    if (s.nodes.some((n) => n.role === 'candidate') && s.inFlight.length >= 3) break;
    await command(dashboard, { cmd: 'step' });
  }
  const s = await state(dashboard);
  const candidate = s.nodes.find((n) => n.role === 'candidate');
  expect(candidate).toBeTruthy();
  // A few milliseconds on: some votes on their way, one or two arrived.
  await command(dashboard, { cmd: 'hold', on: true });
  await command(dashboard, { cmd: 'run', ms: 4 });
  await command(dashboard, { cmd: 'hold', on: false });
  await command(dashboard, { cmd: 'select', node: candidate.id });
  await clickWidget(dashboard, 'tab.events');
  await screenshot(dashboard, 'raft-mid-election.png');
});

test('a Paxos round: propose by clicking, promises and accepts, a value chosen', async ({ dashboard }) => {
  await command(dashboard, { cmd: 'reset', algorithm: 'paxos', nodes: 5, seed: 2, play: false });
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'tab.clients');
  await nextFrames(dashboard);
  await clickWidget(dashboard, 'client.propose');
  await nextFrames(dashboard);
  for (let i = 0; i < 200; i++) {
    const s = await state(dashboard);
    if (s.inFlight.some((m) => m.type === 'Accept') && s.inFlight.some((m) => m.type === 'Promise')) break;
    await command(dashboard, { cmd: 'step' });
  }
  await clickWidget(dashboard, 'tab.logs');
  await nextFrames(dashboard);
  expect(await dashboard.evaluate(() => 'panel.logs' in window.quorum.widgets())).toBe(true);
  await screenshot(dashboard, 'paxos-round.png');

  await command(dashboard, { cmd: 'run', ms: 2000 });
  const s = await state(dashboard);
  expect(s.algorithm).toBe('paxos');
  expect(s.chosen).toBe('1');
  expect(s.violation).toBeNull();
});

test('keys: ? shows the keys, 1-9 select, k kills and r restarts the selection', async ({ dashboard }) => {
  await command(dashboard, { cmd: 'reset', seed: 1, play: false });
  await pressKey(dashboard, 'Digit3');
  expect((await state(dashboard)).selection).toEqual({ node: 3 });
  await pressKey(dashboard, 'KeyK');
  expect((await state(dashboard)).nodes[2].up).toBe(false);
  await pressKey(dashboard, 'KeyR');
  expect((await state(dashboard)).nodes[2].up).toBe(true);
  await pressKey(dashboard, 'Slash', ['Shift']);
  const keys = await widget(dashboard, 'window.keys');
  expect(keys.width).toBeGreaterThan(100);
});

// Drags one node with the real mouse, as a person does: press on it, move in
// steps (ImGui sees a drag across frames), release over the target.
async function dragNode(page, node, to) {
  const from = await widget(page, `node.${node}`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await nextFrames(page, 2);
  await page.mouse.down();
  await nextFrames(page, 2);
  for (const share of [0.25, 0.5, 0.75, 1]) {
    await page.mouse.move(
      from.x + from.width / 2 + (to.x - from.x - from.width / 2) * share,
      from.y + from.height / 2 + (to.y - from.y - from.height / 2) * share,
    );
    await nextFrames(page, 2);
  }
  await page.mouse.up();
  await nextFrames(page, 2);
}

test('partition by dragging: the leader cut off with a minority stops committing', async ({ dashboard }) => {
  await command(dashboard, { cmd: 'reset', seed: 5, play: false });
  await command(dashboard, { cmd: 'run', ms: 2000 });
  const old = (await state(dashboard)).leader;
  expect(old).not.toBeNull();
  const peer = old === 1 ? 2 : 1;

  // Drag the leader into empty space (the ring's centre), then a second node onto it.
  const panel = await widget(dashboard, 'panel.cluster');
  await dragNode(dashboard, old, { x: panel.x + panel.width / 2, y: panel.y + panel.height / 2 });
  await dragNode(dashboard, peer, await widget(dashboard, `node.${old}`));
  await screenshot(dashboard, 'partitioned.png');

  const before = await state(dashboard);
  const committed = before.nodes[old - 1].commitIndex;
  // The minority's leader takes a write it can never commit; the majority elects its own.
  expect((await command(dashboard, { cmd: 'client', op: 'put', key: 'x', value: '1' })).ok).toBe(true);
  await command(dashboard, { cmd: 'run', ms: 3000 });
  const after = await state(dashboard);
  const majority = after.nodes.filter((n) => n.id !== old && n.id !== peer);
  const newLeader = majority.find((n) => n.role === 'leader');
  expect(newLeader, 'the majority elected a leader').toBeTruthy();
  expect(newLeader.commitIndex).toBeGreaterThan(committed);
  expect(after.nodes[old - 1].commitIndex).toBe(committed);
  expect(after.nodes[peer - 1].commitIndex).toBeLessThanOrEqual(committed);
  expect(after.violation).toBeNull();
});

test('a Multi-Paxos cluster: an active leader, roles and ballots, decided slots per replica', async ({ dashboard }) => {
  await command(dashboard, { cmd: 'reset', algorithm: 'multipaxos', nodes: 5, seed: 3, play: false });
  await command(dashboard, { cmd: 'run', ms: 1500 });
  for (const [key, value] of [['x', '1'], ['y', '2'], ['z', '3']]) {
    expect((await command(dashboard, { cmd: 'client', op: 'put', key, value })).ok).toBe(true);
  }
  await command(dashboard, { cmd: 'run', ms: 1500 });
  const s = await state(dashboard);
  expect(s.algorithm).toBe('multipaxos');
  expect(s.leader).not.toBeNull();
  const leader = s.nodes[s.leader - 1];
  expect(leader.active).toBe(true);
  expect(leader.roles).toEqual(['replica', 'leader', 'acceptor']);
  expect(leader.ballot).toMatch(/^\d+\.\d+$/);
  expect(s.nodes.every((n) => n.decided >= 3)).toBe(true);
  expect(s.violation).toBeNull();

  await command(dashboard, { cmd: 'select', node: s.leader });
  await clickWidget(dashboard, 'tab.logs');
  await screenshot(dashboard, 'multipaxos.png');
});
