#!/usr/bin/env python3
"""Native node tests: real quorum-node processes on loopback UDP ports.

  cluster_test.py crash   --bin DIR --sim QUORUM_SIM --port-base P --seed S --work DIR
  cluster_test.py corrupt --bin DIR --port-base P --seed S --work DIR
  cluster_test.py garbage --bin DIR --port-base P --seed S --work DIR

crash    3 Raft nodes, concurrent clients (quorum-ctl bench --history); the
         leader is killed with SIGKILL and restarted 20 times at random moments
         drawn from the seed. Then: every acknowledged write is in every node's
         log, the logs are identical, and the client history is linearizable
         (quorum-sim check --history).
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
import time


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Cluster:
    def __init__(self, args, algo="raft", size=3):
        self.bin = args.bin
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
        return [os.path.join(self.bin, "node", "quorum-node"), "--id", str(node), "--peers",
                self.peers, "--algo", self.algo, "--data", self.data(node),
                "--seed", str(1000 * node + self.starts)]

    def start(self, node):
        self.starts += 1
        log = open(os.path.join(self.work, f"node{node}.log"), "a")
        self.processes[node] = subprocess.Popen(self.node_command(node), stdout=log,
                                                stderr=subprocess.STDOUT)

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


def test_crash(args):
    rng = random.Random(args.seed)
    cluster = Cluster(args, algo=args.algo)
    history = os.path.join(cluster.work, "history.jsonl")
    try:
        cluster.start_all()
        cluster.wait_for_leader()
        bench = subprocess.Popen(
            [os.path.join(cluster.bin, "ctl", "quorum-ctl"), "--peers", cluster.peers,
             "--history", history, "bench", "--clients", "4", "--seconds", "600", "--keys", "4",
             "--workload", "mixed", "--think-ms", "5", "--seed", str(args.seed)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for round_number in range(1, 21):
            time.sleep(rng.uniform(0.1, 0.6))
            leader = cluster.wait_for_leader()
            cluster.kill9(leader)
            time.sleep(rng.uniform(0.0, 0.4))
            cluster.start(leader)
            print(f"round {round_number}: killed and restarted leader {leader}", flush=True)
        cluster.wait_for_leader()
        time.sleep(0.5)  # some writes after the last restart too
        bench.send_signal(signal.SIGTERM)
        bench_output, _ = bench.communicate(timeout=60)
        print(bench_output.strip())
        check(bench.returncode == 0, f"bench failed: {bench_output}")

        # Quiet cluster: wait until every node has committed (Raft: its whole
        # log; Multi-Paxos: the same slots, as acceptors need not all accept).
        def converged(status):
            if len(status) != 3:
                return False
            if args.algo == "multipaxos":
                return len({s["commit_index"] for s in status.values()}) == 1
            values = {(s["commit_index"], s["log_length"]) for s in status.values()}
            return len(values) == 1 and next(iter(values))[0] == next(iter(values))[1]
        cluster.wait_for("converged logs", converged)
        cluster.stop_all()

        logs = {node: cluster.dump(node) for node in cluster.ids}
        check(logs[1] == logs[2] == logs[3], "the nodes' logs differ")
        commands = {(entry["client"], entry["cmd"]) for entry in logs[1]}
        operations = [json.loads(line) for line in open(history)]
        acknowledged = [op for op in operations
                        if op["op"] in ("put", "append") and op.get("return") is not None
                        and op.get("ok")]
        check(len(acknowledged) > 50, f"too few writes acknowledged: {len(acknowledged)}")
        for op in acknowledged:
            command = f"{op['op']} {op['key']} {op['value']}"
            check((op["client"], command) in commands,
                  f"acknowledged write {command} (client {op['client']}) is missing")
        print(f"{len(operations)} operations, {len(acknowledged)} acknowledged writes, "
              f"all on every node; logs identical ({len(logs[1])} entries)")

        trace = os.path.join(cluster.work, "trace.jsonl")
        with open(trace, "w") as out:  # quorum-sim check wants a trace; ours has no events
            out.write(f'{{"t":0,"ev":"cluster","algo":"{args.algo}","nodes":3,"seed":0}}\n')
        result = subprocess.run([args.sim, "check", trace, "--history", history],
                                capture_output=True, text=True, timeout=300)
        print((result.stdout + result.stderr).strip())
        check(result.returncode == 0 and ": linearizable (" in result.stdout,
              "the client history is not shown linearizable")
    finally:
        cluster.cleanup()


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_corrupt(args):
    rng = random.Random(args.seed)
    cluster = Cluster(args)
    try:
        cluster.start_all()
        for i in range(5):
            check(cluster.ctl("put", f"k{i}", f"v{i}").returncode == 0, "put failed")
        cluster.wait_for("node 2 caught up", lambda s: s.get(2, {}).get("commit_index", 0) >= 6)
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
            before = sha256(path)
            result = subprocess.run(cluster.node_command(2), capture_output=True, text=True,
                                    timeout=60)
            print(f"{damage}: exit {result.returncode}: {result.stderr.strip()}")
            check(result.returncode == 1, f"a damaged node started (exit {result.returncode})")
            check("refusing to start" in result.stderr and "damaged" in result.stderr,
                  "the refusal does not say why")
            check(sha256(path) == before, "the damaged file was changed")
        # The others lose nothing and keep committing.
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
    parser.add_argument("test", choices=["crash", "corrupt", "garbage", "flags"])
    parser.add_argument("--bin", required=True, help="build/<preset>/shell")
    parser.add_argument("--sim", help="quorum-sim (crash)")
    parser.add_argument("--port-base", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--algo", default="raft", choices=["raft", "multipaxos"],
                        help="crash: the algorithm (CTest runs raft)")
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    started = time.monotonic()
    try:
        tests = {"crash": test_crash, "corrupt": test_corrupt, "garbage": test_garbage,
                 "flags": test_flags}
        tests[args.test](args)
    except (Failure, subprocess.TimeoutExpired) as failure:
        print(f"FAIL {args.test} (seed {args.seed}): {failure}; logs in {args.work}")
        return 1
    print(f"ok {args.test} (seed {args.seed}) in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
