#!/usr/bin/env python3
"""Native node tests: real quorum-node processes on loopback UDP ports.

  cluster_test.py kills    --algo A --bin DIR --sim QUORUM_SIM --port-base P --seed S --work DIR
                           [--rounds N] [--value-bytes B]
  cluster_test.py powercut --algo A --sync full|off [--subset] --bin DIR --sim QUORUM_SIM
                           --port-base P --seed S --work DIR [--rounds N]
  cluster_test.py corrupt  --algo A --bin DIR --port-base P --seed S --work DIR
  cluster_test.py garbage  --bin DIR --port-base P --seed S --work DIR
  cluster_test.py flags    --bin DIR --port-base P --work DIR

kills    3 nodes of any algorithm (raft, paxos, multipaxos) under concurrent
         clients (quorum-ctl bench --history; Paxos: proposers); --rounds times,
         at moments drawn from the seed, the leader or any node is killed with
         SIGKILL and restarted. Then: every acknowledged write is in every
         node's log, the logs are identical, and the client history is
         linearizable (quorum-sim check --history); for Paxos every answered
         proposal was told the same value, which a majority holds. The seed is
         printed with the command line that replays its schedule. With
         --value-bytes, values are that large (Multi-Paxos P1b messages then
         outgrow a datagram and go in fragments; the test requires one did).
powercut the nodes are quorum-node-powercut (a test build whose SQLite keeps
         unsynced writes in memory: shell/node/powercut_vfs.cpp), so SIGKILL is
         a power cut; one node or the whole cluster loses power after each
         round of acknowledged puts, and every acknowledged put is read back
         after the restart. --sync full must pass; --sync off must fail
         ("acknowledged put ... lost after a power cut").
corrupt  a node whose database was damaged on purpose refuses to start, says
         why, and leaves the file byte for byte as it was; the other nodes keep
         committing and lose nothing.
flags    a wrong command line is exit 2 with a message that names the mistake,
         and nothing starts.
garbage  random bytes, cut-off, future-version and misaddressed datagrams sent
         to every port are all dropped and counted (status --json) while the
         cluster keeps committing.

Timings come from the seed; the only time limits are generous bounds that
turn a hang into a failure. Each test uses its own ports (--port-base), so
CTest may run them in parallel.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Cluster:
    def __init__(self, args, algo="raft", size=3, node_binary="quorum-node", sync="full",
                 env=None):
        self.bin = args.bin
        self.node_binary = node_binary
        self.sync = sync
        self.env = env  # node -> extra environment
        self.work = args.work
        self.algo = algo
        self.ids = list(range(1, size + 1))
        self.ports = {i: args.port_base + i - 1 for i in self.ids}
        self.peers = ",".join(f"{i}=127.0.0.1:{p}" for i, p in self.ports.items())
        self.processes = {}
        self.starts = 0
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)

    def data(self, node):
        return os.path.join(self.work, f"n{node}")

    def node_command(self, node):
        return [os.path.join(self.bin, "node", self.node_binary), "--id", str(node), "--peers",
                self.peers, "--algo", self.algo, "--data", self.data(node),
                "--seed", str(1000 * node + self.starts), "--sync", self.sync]

    def start(self, node):
        self.starts += 1
        log = open(os.path.join(self.work, f"node{node}.log"), "a")
        env = dict(os.environ, **self.env(node, self.starts)) if self.env else None
        self.processes[node] = subprocess.Popen(self.node_command(node), stdout=log,
                                                stderr=subprocess.STDOUT, env=env)

    def start_all(self):
        for node in self.ids:
            self.start(node)

    def kill9(self, node):
        process = self.processes.pop(node)
        process.send_signal(signal.SIGKILL)
        process.wait()

    def stop(self, node):
        process = self.processes.pop(node)
        process.send_signal(signal.SIGTERM)
        check(process.wait(timeout=30) == 0, f"node {node} did not stop cleanly")

    def stop_all(self):
        for node in list(self.processes):
            self.stop(node)

    def ctl(self, *arguments, timeout=60):
        command = [os.path.join(self.bin, "ctl", "quorum-ctl"), "--peers", self.peers,
                   *arguments]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)

    def status(self):
        result = self.ctl("status", "--json")
        if result.returncode != 0:
            return {}
        return {node["id"]: node for node in json.loads(result.stdout)["nodes"] if node["up"]}

    def wait_for(self, what, predicate, bound_s=30):
        give_up = time.monotonic() + bound_s
        while time.monotonic() < give_up:
            status = self.status()
            found = predicate(status)
            if found:
                return found
            time.sleep(0.05)
        raise Failure(f"no {what} within {bound_s} s (a bound, not a timing assertion): "
                      f"{self.status()}")

    def wait_for_leader(self):
        if self.algo == "paxos":  # every node proposes: wait until every node answers
            return self.wait_for("answers", lambda status: len(status) == len(self.ids))

        def leader(status):
            leaders = [n for n, s in status.items() if s["role"] in ("leader", "leader(active)")]
            return leaders[0] if len(leaders) == 1 else None
        return self.wait_for("leader", leader)

    def dump(self, node):
        result = subprocess.run([os.path.join(self.bin, "node", "quorum-node"), "--dump", "--id",
                                 str(node), "--algo", self.algo, "--data", self.data(node)],
                                capture_output=True, text=True, timeout=60)
        check(result.returncode == 0, f"dump of node {node} failed: {result.stderr}")
        return [json.loads(line) for line in result.stdout.splitlines()]

    def cleanup(self):
        for process in self.processes.values():
            process.kill()
            process.wait()


LEADER_ROLES = ("leader", "leader(active)")


def leaders(status):
    return [n for n, s in status.items() if s["role"] in LEADER_ROLES]


class Proposers:
    """Single-decree Paxos clients: `count` threads, each proposing its own
    values one after another (quorum-ctl propose) into its own history file,
    until stopped."""

    def __init__(self, cluster, count):
        self.cluster = cluster
        self.files = [os.path.join(cluster.work, f"history-{c}.jsonl") for c in range(count)]
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(c,)) for c in range(count)]
        for thread in self.threads:
            thread.start()

    def run(self, client):
        n = 0
        while not self.stopping.is_set():
            n += 1
            self.cluster.ctl("--history", self.files[client], "--timeout-ms", "2000",
                             "propose", f"c{client}.{n}", timeout=30)

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()
        operations = []
        for name in self.files:
            if os.path.exists(name):
                operations += [json.loads(line) for line in open(name)]
        return operations


def start_clients(cluster, args, history):
    """Clients that keep the cluster busy while nodes die: quorum-ctl bench
    (Raft, Multi-Paxos; large values with --value-bytes, so that Multi-Paxos
    P1b messages outgrow a datagram) or proposers (Paxos)."""
    if cluster.algo == "paxos":
        return Proposers(cluster, 3)
    workload = ["--workload", "put", "--value-bytes", str(args.value_bytes)] \
        if args.value_bytes else ["--workload", "mixed"]
    return subprocess.Popen(
        [os.path.join(cluster.bin, "ctl", "quorum-ctl"), "--peers", cluster.peers,
         "--history", history, "bench", "--clients", "4", "--seconds", "600", "--keys", "4",
         "--think-ms", "5", "--seed", str(args.seed), *workload],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def stop_clients(clients, history):
    if isinstance(clients, Proposers):
        return clients.stop()
    clients.send_signal(signal.SIGTERM)
    output, _ = clients.communicate(timeout=60)
    print(output.strip())
    check(clients.returncode == 0, f"bench failed: {output}")
    return [json.loads(line) for line in open(history)]


def kill_schedule(rng, cluster, rounds, victims_at_once=1):
    """`rounds` times: wait a time drawn from the seed, SIGKILL nodes (the
    leader or any node, as the seed says), wait again, restart them."""
    kills = 0
    for round_number in range(1, rounds + 1):
        time.sleep(rng.uniform(0.1, 0.6))
        kind = rng.choice(["leader", "any", "any"])
        status = cluster.status()
        current = leaders(status)
        victims = rng.sample(cluster.ids, victims_at_once)  # drawn either way: one schedule
        if kind == "leader" and cluster.algo != "paxos" and len(current) == 1:
            victims = current
        else:
            kind = "any"
        for victim in victims:
            cluster.kill9(victim)
        time.sleep(rng.uniform(0.0, 0.4))
        for victim in victims:
            cluster.start(victim)
        kills += len(victims)
        print(f"round {round_number}: SIGKILL {kind} -> node(s) {victims}, restarted", flush=True)
    return kills


def converged(algo, size):
    # Quiet cluster: every node has committed (Raft: its whole log; Multi-Paxos:
    # the same slots, as acceptors need not all accept; Paxos: every node up).
    def predicate(status):
        if len(status) != size:
            return False
        if algo == "paxos":
            return True
        if algo == "multipaxos":
            return len({s["commit_index"] for s in status.values()}) == 1
        values = {(s["commit_index"], s["log_length"]) for s in status.values()}
        return len(values) == 1 and next(iter(values))[0] == next(iter(values))[1]
    return predicate


def check_paxos_choice(cluster, operations):
    """Single-decree Paxos: every answered proposal was told the same value,
    one of the values proposed; a proposal after the kills is told it too;
    a majority of acceptors hold it."""
    answered = [op for op in operations if op.get("return") is not None and op.get("ok")]
    check(len(answered) > 10, f"too few proposals answered: {len(answered)}")
    chosen = {op["result"] for op in answered}
    check(len(chosen) == 1, f"proposals were told different values: {sorted(chosen)}")
    value = chosen.pop()
    check(value in {op["value"] for op in operations}, f"{value} was never proposed")
    late = cluster.ctl("propose", "late", "--timeout-ms", "10000")
    check(late.returncode == 0 and late.stdout.strip().endswith(value),
          f"a proposal after the kills was told {late.stdout.strip()!r}, not {value!r}")
    cluster.stop_all()
    holding = [n for n in cluster.ids if cluster.dump(n)[0]["value"] == value]
    check(len(holding) * 2 > len(cluster.ids), f"only nodes {holding} hold the chosen value")
    print(f"{len(operations)} proposals, {len(answered)} answered, all told {value!r}; "
          f"nodes {holding} hold it")
    return len(answered)


def check_writes(cluster, operations, minimum=50):
    """Raft and Multi-Paxos: the logs agree and each holds every
    acknowledged write."""
    logs = {node: cluster.dump(node) for node in cluster.ids}
    # Identical where they overlap; one may still lack the last entry or two
    # when a leader changed between "converged" and the stop (a node
    # restarted last can time out under load): the writes are checked on
    # every node below.
    shortest = min(len(log) for log in logs.values())
    check(all(logs[n][:shortest] == logs[1][:shortest] for n in cluster.ids),
          "the nodes' logs differ")
    acknowledged = [op for op in operations
                    if op["op"] in ("put", "append") and op.get("return") is not None
                    and op.get("ok")]
    check(len(acknowledged) > minimum, f"too few writes acknowledged: {len(acknowledged)}")
    for node, log in logs.items():
        commands = {(entry["client"], entry["cmd"]) for entry in log}
        for op in acknowledged:
            command = f"{op['op']} {op['key']} {op['value']}"
            check((op["client"], command) in commands,
                  f"acknowledged write {command[:60]} (client {op['client']}) is missing "
                  f"from node {node}")
    print(f"{len(operations)} operations, {len(acknowledged)} acknowledged writes, "
          f"all on every node; logs identical where they overlap "
          f"({sorted(len(log) for log in logs.values())} entries)")
    return len(acknowledged)


def check_linearizable(cluster, args, history):
    trace = os.path.join(cluster.work, "trace.jsonl")
    with open(trace, "w") as out:  # quorum-sim check wants a trace; ours has no events
        out.write(f'{{"t":0,"ev":"cluster","algo":"{cluster.algo}","nodes":3,"seed":0}}\n')
    result = subprocess.run([args.sim, "check", trace, "--history", history],
                            capture_output=True, text=True, timeout=300)
    print((result.stdout + result.stderr).strip())
    check(result.returncode == 0 and ": linearizable (" in result.stdout
          and "inconclusive" not in result.stdout,
          "the client history is not shown linearizable")


def test_kills(args):
    """SIGKILL any node (the leader or not) at times drawn from the seed, for
    any algorithm; then no acknowledged write is lost."""
    print(f"kills: {args.algo}, seed {args.seed} (replay: cluster_test.py kills --algo "
          f"{args.algo} --seed {args.seed} --rounds {args.rounds}"
          f"{' --value-bytes ' + str(args.value_bytes) if args.value_bytes else ''})", flush=True)
    rng = random.Random(args.seed)
    cluster = Cluster(args, algo=args.algo)
    history = os.path.join(cluster.work, "history.jsonl")
    try:
        cluster.start_all()
        if args.algo != "paxos":
            cluster.wait_for_leader()
        clients = start_clients(cluster, args, history)
        kills = kill_schedule(rng, cluster, args.rounds)
        if args.algo != "paxos":
            cluster.wait_for_leader()
        time.sleep(0.5)  # some writes after the last restart too
        operations = stop_clients(clients, history)
        if args.algo == "paxos":
            checked = check_paxos_choice(cluster, operations)
        else:
            cluster.wait_for("converged logs", converged(args.algo, len(cluster.ids)))
            cluster.stop_all()
            checked = check_writes(cluster, operations)
            check_linearizable(cluster, args, history)
        if args.value_bytes:
            logs = "".join(open(os.path.join(cluster.work, f"node{n}.log")).read()
                           for n in cluster.ids)
            check("in fragments" in logs, "no message was large enough to be fragmented")
            print("fragmented: " + next(line for line in logs.splitlines()
                                        if "in fragments" in line))
        print(f"FIGURES kills={kills} algo={args.algo} writes_checked={checked} histories=1")
    finally:
        cluster.cleanup()


def told_value(result):
    """The value a `quorum-ctl propose` was told is chosen (its last word)."""
    words = result.stdout.split()
    return words[-1] if result.returncode == 0 and words else None


def powercut_proposals(cluster, history, rng, round_number, chosen):
    """Single-decree Paxos' writes: a few proposals of new values; every one
    answered must be told the one chosen value."""
    for i in range(rng.randint(2, 4)):
        told = told_value(cluster.ctl("--history", history, "--timeout-ms", "5000", "propose",
                                      f"p{round_number}.{i}.{rng.randrange(10**6)}"))
        if told is not None:
            chosen = chosen or told
            check(told == chosen, f"proposals were told different values: {chosen} and {told}")
    return chosen


def check_choice_survived(cluster, history, round_number, chosen):
    """After a cut, a proposal of a new value must still be told the value
    chosen (acknowledged) before it: the acceptors' accepted ballots and
    values were synced before they answered."""
    if chosen is None:
        return
    probe = cluster.ctl("--history", history, "--timeout-ms", "10000", "propose",
                        f"after{round_number}")
    check(probe.returncode == 0, f"a proposal got no answer after round {round_number}")
    check(told_value(probe) == chosen,
          f"acknowledged choice {chosen} lost after a power cut (round {round_number}, a new "
          f"proposal was told {told_value(probe)!r})")


def test_powercut(args):
    """Power cuts, not just process deaths: the nodes run quorum-node-powercut
    (a test build whose SQLite keeps unsynced writes in memory,
    shell/node/powercut_vfs.cpp), so SIGKILL loses every write since the last
    sync. Rounds of acknowledged puts, each followed by a cut of one node or of
    the whole cluster (drawn from the seed); after each restart every
    acknowledged put is read back through the protocol, and at the end from
    every node's log. With --sync full nothing acknowledged is lost; with
    --sync off the first whole-cluster cut loses writes (CTest expects that).
    Single-decree Paxos' acknowledged write is the chosen value: each round
    proposes new values, and after each cut a new proposal must be told the
    value chosen before it."""
    subset = " --subset" if args.subset else ""
    print(f"powercut: {args.algo}, --sync {args.sync}, seed {args.seed} (replay: cluster_test.py "
          f"powercut --algo {args.algo} --sync {args.sync} --seed {args.seed} --rounds "
          f"{args.rounds}{subset})", flush=True)
    rng = random.Random(args.seed)
    # With --subset, a seeded random quarter of the unsynced writes reach the file anyway.
    env = (lambda node, starts: {"QUORUM_POWERCUT_SEED": str(args.seed * 1000 + starts)}) \
        if args.subset else None
    cluster = Cluster(args, algo=args.algo, node_binary=args.node_binary, sync=args.sync, env=env)
    history = os.path.join(cluster.work, "history.jsonl")
    acknowledged = {}  # key -> value
    cuts = {"one": 0, "all": 0}
    try:
        cluster.start_all()
        cluster.wait_for_leader()
        chosen = None  # Paxos: the value every answered proposal was told
        for round_number in range(1, args.rounds + 1):
            if args.algo == "paxos":
                chosen = powercut_proposals(cluster, history, rng, round_number, chosen)
            for i in range(0 if args.algo == "paxos" else rng.randint(3, 8)):
                key, value = f"p{round_number}.{i}", f"v{rng.randrange(10**6)}"
                put = cluster.ctl("--history", history, "--timeout-ms", "5000", "put", key, value)
                if put.returncode == 0:
                    acknowledged[key] = value
            time.sleep(rng.uniform(0.0, 0.2))
            kind = "all" if round_number == args.rounds else rng.choice(["one", "one", "all"])
            victims = cluster.ids if kind == "all" else [rng.choice(cluster.ids)]
            for victim in victims:
                cluster.kill9(victim)  # the power cut: unsynced writes die with the process
            cuts[kind] += 1
            for victim in victims:
                cluster.start(victim)
            so_far = (f"the chosen value {chosen}" if args.algo == "paxos"
                      else f"{len(acknowledged)} writes acknowledged so far")
            print(f"round {round_number}: power cut of {kind} ({victims}); {so_far}", flush=True)
            time.sleep(0.3)
            for victim in victims:
                process = cluster.processes[victim]
                check(process.poll() is None,
                      f"node {victim} did not come back after the power cut (exit "
                      f"{process.returncode}): see node{victim}.log")
            cluster.wait_for_leader()
            if args.algo == "paxos":
                check_choice_survived(cluster, history, round_number, chosen)
            for key, value in acknowledged.items():
                get = cluster.ctl("--history", history, "--timeout-ms", "10000", "get", key)
                check(get.returncode == 0, f"get {key} got no answer after round {round_number}")
                check(get.stdout.strip() == value,
                      f"acknowledged put {key}={value} lost after a power cut (round "
                      f"{round_number}, read {get.stdout.strip()!r})")
        if args.algo == "paxos":
            answered = check_paxos_choice(cluster, [json.loads(line) for line in open(history)])
            print(f"FIGURES powercuts_one={cuts['one']} powercuts_all={cuts['all']} "
                  f"proposals_answered={answered} histories=1")
            return
        cluster.wait_for("converged logs", converged(args.algo, len(cluster.ids)))
        cluster.stop_all()
        operations = [json.loads(line) for line in open(history)]
        writes = check_writes(cluster, operations, minimum=10)
        check_linearizable(cluster, args, history)
        print(f"FIGURES powercuts_one={cuts['one']} powercuts_all={cuts['all']} "
              f"writes_checked={writes} reads_checked={len(operations) - writes} histories=1")
    finally:
        cluster.cleanup()


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_corrupt(args):
    """A damaged database is refused, said so, and left byte for byte as it
    was, for every algorithm's store; the other nodes lose nothing."""
    rng = random.Random(args.seed)
    cluster = Cluster(args, algo=args.algo)
    paxos = args.algo == "paxos"
    try:
        cluster.start_all()
        if paxos:
            first = cluster.ctl("propose", "first", "--timeout-ms", "20000")
            check(first.returncode == 0, f"propose failed: {first.stderr}")
            chosen = first.stdout.strip()
            cluster.wait_for("node 2 accepted", lambda s: s.get(2, {}).get("log_length") == 1)
        else:
            for i in range(5):
                check(cluster.ctl("put", f"k{i}", f"v{i}").returncode == 0, "put failed")
            cluster.wait_for("node 2 caught up", lambda s: 2 in s and 1 in s and
                             s[2]["commit_index"] >= 5 and
                             s[2]["commit_index"] == max(n["commit_index"] for n in s.values()))
        cluster.stop(2)
        path = os.path.join(cluster.data(2), "node.db")
        # Two kinds of damage: the B-tree pages (found by quick_check) and the
        # header (SQLite no longer recognizes the file).
        with open(path, "r+b") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(4096)
            f.write(bytes(rng.randrange(256) for _ in range(size - 4096)))
        for damage in ("pages", "header"):
            if damage == "header":
                with open(path, "r+b") as f:
                    f.write(b"not a database, garbage garbage!")
            before = open(path, "rb").read()
            result = subprocess.run(cluster.node_command(2), capture_output=True, text=True,
                                    timeout=60)
            print(f"{args.algo}, {damage}: exit {result.returncode}: {result.stderr.strip()}")
            check(result.returncode == 1, f"a damaged node started (exit {result.returncode})")
            check("refusing to start" in result.stderr and "damaged" in result.stderr,
                  "the refusal does not say why")
            check(open(path, "rb").read() == before,
                  f"the damaged file was changed (sha256 {hashlib.sha256(before).hexdigest()} "
                  f"-> {sha256(path)})")
            check(sorted(os.listdir(cluster.data(2))) == ["node.db"],
                  f"the refused start left files beside it: {os.listdir(cluster.data(2))}")
        # The others lose nothing and keep committing.
        if paxos:
            after = cluster.ctl("propose", "after", "--timeout-ms", "20000")
            check(after.returncode == 0 and after.stdout.strip() == chosen,
                  f"the others were told {after.stdout.strip()!r}, not {chosen!r}")
            cluster.stop_all()
            for node in (1, 3):
                check(cluster.dump(node)[0]["value"] == chosen, f"node {node} lost {chosen}")
            return
        check(cluster.ctl("put", "after", "1").returncode == 0, "the cluster stopped committing")
        cluster.stop_all()
        for node in (1, 3):
            values = [e["cmd"] for e in cluster.dump(node)]
            for i in range(5):
                check(f"put k{i} v{i}" in values, f"node {node} lost put k{i}")
            check("put after 1" in values, f"node {node} lacks the later put")
    finally:
        cluster.cleanup()


# The wire format's version (kWireVersion, core/include/quorum/wire/codec.hpp).
WIRE_VERSION = 2


def header(tag, from_id, to_id, version=WIRE_VERSION):
    return b"QW" + bytes([version, tag]) + struct.pack("<II", from_id, to_id)


def test_garbage(args):
    rng = random.Random(args.seed)
    cluster = Cluster(args)
    try:
        cluster.start_all()
        cluster.wait_for_leader()
        check(cluster.ctl("put", "before", "1").returncode == 0, "put failed")
        before = {n: s["commit_index"] for n, s in cluster.status().items()}
        sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sent = {}
        # A valid RequestVote 1 -> 2 (term, candidate, last log index and term, pre-vote).
        request_vote = header(1, 1, 2) + struct.pack("<QIQQB", 5, 1, 0, 0, 0)
        # A valid Paxos Prepare: a message of another protocol, which a Raft
        # node's decoder does not know (an unknown tag).
        prepare = header(7, 1, 2) + struct.pack("<QI", 5, 1)
        for node, port in cluster.ports.items():
            datagrams = {
                "garbage": [bytes([rng.randrange(0x51)]) +
                            bytes(rng.randrange(256) for _ in range(rng.randrange(80)))
                            for _ in range(100)] + [prepare],
                "truncated": [header(3, 1, node)[:n] for n in range(2, 12)] +
                             [request_vote[:n] for n in range(12, len(request_vote))],
                # Every other version: older ones, the next one, the last one.
                "version": [header(1, 1, node, version=v) + b"\0" * 29
                            for v in (0, WIRE_VERSION - 1, WIRE_VERSION + 1, 255)],
                "unknown-node": [header(1, 7, node) + b"\0" * 29,  # a RequestVote from node 7
                                 header(1, 1 if node != 1 else 2, 9) + b"\0" * 29],
            }
            for kind, items in datagrams.items():
                for item in items:
                    sender.sendto(item, ("127.0.0.1", port))
                sent[kind] = len(items)
        result = cluster.ctl("bench", "--clients", "2", "--seconds", "1")
        check(result.returncode == 0, f"bench failed after garbage: {result.stdout}")
        status = cluster.status()
        check(len(status) == 3, "a node stopped answering")
        for node, s in status.items():
            print(f"node {node}: dropped {s['dropped']}, commit {before[node]} -> "
                  f"{s['commit_index']}")
            for kind, count in sent.items():
                check(s["dropped"].get(kind) == count,
                      f"node {node} counted {s['dropped'].get(kind)} {kind} drops, sent {count}")
            check(s["commit_index"] > before[node], f"node {node} stopped committing")
        logs = open(os.path.join(cluster.work, "node1.log")).read()
        check(logs.count("(garbage)") == 1, "garbage drops should be logged once")
    finally:
        cluster.cleanup()


def test_flags(args):
    cluster = Cluster(args)
    node = os.path.join(cluster.bin, "node", "quorum-node")
    ctl = os.path.join(cluster.bin, "ctl", "quorum-ctl")
    data = os.path.join(cluster.work, "n1")
    good = "1=127.0.0.1:17330,2=127.0.0.1:17331"
    cases = [
        ([node, "--id", "3", "--peers", good, "--data", data], "--id 3 is not in --peers"),
        ([node, "--id", "1", "--peers", "1=127.0.0.1", "--data", data], "needs a port"),
        ([node, "--id", "1", "--peers", "1=localhost:1", "--data", data], "bad IPv4 address"),
        ([node, "--id", "1", "--peers", "1=127.0.0.1:70000", "--data", data], "out of range"),
        ([node, "--id", "1", "--peers", "12=127.0.0.1:1", "--data", data], "not a node id 1..9"),
        ([node, "--id", "1", "--peers", "1=127.0.0.1:1,1=127.0.0.1:2", "--data", data],
         "listed twice"),
        ([node, "--id", "1", "--peers", "1=127.0.0.1:1,2=127.0.0.1:1", "--data", data],
         "share the address"),
        ([node, "--id", "1", "--peers", "1=127.0.0.1:1,3=127.0.0.1:3", "--data", data],
         "must number its nodes 1..2"),
        ([node, "--id", "1", "--peers", good, "--data", data, "--algo", "zab"], "--algo"),
        ([node, "--id", "1", "--peers", good], "--data"),
        ([ctl, "--peers", "1=127.0.0.1", "status"], "needs a port"),
        ([ctl, "--peers", good, "frobnicate"], "subcommand"),
    ]
    for command, expected in cases:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
        output = result.stdout + result.stderr
        print(f"exit {result.returncode}: {' '.join(command[1:])}: {output.strip()[:100]}")
        check(result.returncode == 2, f"{command} exited {result.returncode}, not 2")
        check(expected in output, f"{command} did not say '{expected}': {output}")
    check(not os.path.exists(data), "a refused command line created the data directory")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("test", choices=["kills", "powercut", "corrupt", "garbage", "flags"])
    parser.add_argument("--bin", required=True, help="build/<preset>/shell")
    parser.add_argument("--sim", help="quorum-sim (crash)")
    parser.add_argument("--port-base", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--algo", default="raft", choices=["raft", "paxos", "multipaxos"])
    parser.add_argument("--rounds", type=int, default=20, help="kills: how many kill rounds")
    parser.add_argument("--value-bytes", type=int, default=0,
                        help="kills: pad written values to this size (bench --value-bytes)")
    parser.add_argument("--sync", default="full", choices=["full", "normal", "off"],
                        help="powercut: the nodes' --sync")
    parser.add_argument("--node-binary", default="quorum-node-powercut",
                        help="powercut: quorum-node here shows that SIGKILL alone is no power cut")
    parser.add_argument("--subset", action="store_true",
                        help="powercut: a seeded random subset of unsynced writes survives a cut")
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    started = time.monotonic()
    try:
        tests = {"kills": test_kills, "powercut": test_powercut, "corrupt": test_corrupt, "garbage": test_garbage,
                 "flags": test_flags}
        tests[args.test](args)
    except (Failure, subprocess.TimeoutExpired) as failure:
        print(f"FAIL {args.test} (seed {args.seed}): {failure}; logs in {args.work}")
        return 1
    print(f"ok {args.test} (seed {args.seed}) in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
