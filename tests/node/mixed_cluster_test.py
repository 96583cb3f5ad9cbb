#!/usr/bin/env python3
"""Mixed clusters: native quorum-node processes and the page's node binary
(quorum_node.wasm under Node.js, web/node_host.mjs) in one cluster, on
loopback UDP ports (docs/nodes.md).

  mixed_cluster_test.py crash   --layout nww --algo raft --bin DIR --site DIR --sim QUORUM_SIM ...
  mixed_cluster_test.py corrupt --bin DIR --site DIR ...
  mixed_cluster_test.py garbage --bin DIR --site DIR ...
  mixed_cluster_test.py flags   --bin DIR --site DIR ...
  (each also: --port-base P --seed S --work DIR)

--layout says what each node is, node 1 first: n native, w wasm.

crash    concurrent clients (quorum-ctl bench --history; for Paxos, clients
         proposing with quorum-ctl propose --history) while a node drawn from
         the seed, native or wasm, is killed with SIGKILL and restarted, 20
         times at moments drawn from the seed. Then: every wasm node ran the
         page's very quorum_node.wasm (its sha256); every acknowledged write
         is on every node and the logs are identical (Paxos: every answer is
         the one chosen value, which a majority of acceptors holds); the
         client history is linearizable (quorum-sim check --history; an
         inconclusive verdict fails).
corrupt  a wasm node whose record log was damaged (bytes flipped mid-file;
         a record whose own seal is broken inside a frame that checks out)
         refuses to start, names the file and the damage, and leaves the file
         byte for byte as it was; the others keep committing. A write torn
         at the end (never acknowledged) is cut off and the node starts.
garbage  random bytes, cut-off, future-version and misaddressed datagrams
         sent to every node of a mixed cluster are dropped and counted per
         kind alike by native and wasm nodes (status --json) while the
         cluster keeps committing.
persist  one wasm node: an acknowledged write, then SIGKILL at once, ten
         times; every write is there after the restart (fails with
         QUORUM_NODE_HOST_UNSAFE=send-before-fsync, which breaks the rule).
flags    an unknown flag, a non-numeric id, an id not in --peers, a data
         directory that cannot be one: exit 2 with a message, nothing started.

Timings come from the seed; the only time limits are generous bounds that
turn a hang into a failure.
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
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = os.path.join(HERE, "..", "..", "web", "node_host.mjs")


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Cluster:
    def __init__(self, args, layout, algo="raft"):
        self.bin = args.bin
        self.wasm = os.path.join(args.site, "quorum_node.wasm")
        self.work = args.work
        self.algo = algo
        self.kinds = {i + 1: kind for i, kind in enumerate(layout)}
        self.ids = list(self.kinds)
        self.ports = {i: args.port_base + i - 1 for i in self.ids}
        self.peers = ",".join(f"{i}=127.0.0.1:{p}" for i, p in self.ports.items())
        self.processes = {}
        self.starts = 0
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)

    def data(self, node):
        return os.path.join(self.work, f"n{node}")

    def log_path(self, node):
        return os.path.join(self.work, f"node{node}.log")

    def node_command(self, node, *extra):
        common = ["--id", str(node), "--algo", self.algo, "--data", self.data(node), *extra]
        if self.kinds[node] == "n":
            return [os.path.join(self.bin, "node", "quorum-node"), *common]
        return ["node", HOST, "--wasm", self.wasm, *common]

    def start(self, node):
        self.starts += 1
        log = open(self.log_path(node), "a")
        command = self.node_command(node, "--peers", self.peers,
                                    "--seed", str(1000 * node + self.starts))
        # Wasm nodes rewrite their record log whenever it is 64 KB (Paxos's
        # acceptor, one small record: 256 bytes) and a tenth more than its
        # records, so compaction happens under the kills.
        least = 256 if self.algo == "paxos" else 65536
        environment = dict(os.environ, QUORUM_NODE_HOST_COMPACT=f"{least},1.1")
        self.processes[node] = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                                env=environment)

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
        command = [os.path.join(self.bin, "ctl", "quorum-ctl"), "--peers", self.peers, *arguments]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)

    def status(self):
        result = self.ctl("status", "--json")
        if result.returncode != 0:
            return {}
        return {node["id"]: node for node in json.loads(result.stdout)["nodes"] if node["up"]}

    def wait_for(self, what, predicate, bound_s=60):
        give_up = time.monotonic() + bound_s
        while time.monotonic() < give_up:
            found = predicate(self.status())
            if found:
                return found
            time.sleep(0.05)
        raise Failure(f"no {what} within {bound_s} s (a bound, not a timing assertion): "
                      f"{self.status()}")

    def wait_for_leader(self):
        if self.algo == "paxos":  # every node proposes: wait until every node answers
            return self.wait_for("answers", lambda s: len(s) == len(self.ids))

        def leader(status):
            leaders = [n for n, s in status.items() if s["role"] in ("leader", "leader(active)")]
            return leaders[0] if len(leaders) == 1 else None
        return self.wait_for("leader", leader)

    def dump(self, node):
        result = subprocess.run(self.node_command(node, "--dump"), capture_output=True, text=True,
                                timeout=60)
        check(result.returncode == 0, f"dump of node {node} failed: {result.stderr}")
        return [json.loads(line) for line in result.stdout.splitlines()]

    def wasm_hashes(self):
        hashes = set()
        for node in self.ids:
            if self.kinds[node] == "w":
                for line in open(self.log_path(node)):
                    if "(sha256 " in line:
                        hashes.add(line.split("(sha256 ")[1].split(")")[0])
        return hashes

    def compactions(self):
        return {node: open(self.log_path(node)).read().count(": compacted ")
                for node in self.ids if self.kinds[node] == "w"}

    def cleanup(self):
        for process in self.processes.values():
            process.kill()
            process.wait()


# --- crash ---------------------------------------------------------------------

class Proposers:
    """Clients of single-decree Paxos: each proposes value after value with
    quorum-ctl propose, every operation in its own history file."""

    def __init__(self, cluster, clients, seed):
        self.cluster = cluster
        self.stopping = threading.Event()
        self.histories = [os.path.join(cluster.work, f"history{c}.jsonl") for c in range(clients)]
        self.threads = [threading.Thread(target=self.run, args=(c,)) for c in range(clients)]
        self.seed = seed
        self.answers = 0
        for thread in self.threads:
            thread.start()

    def run(self, client):
        rng = random.Random(self.seed * 10 + client)
        number = 0
        while not self.stopping.is_set():
            number += 1
            result = self.cluster.ctl("--history", self.histories[client], "--timeout-ms", "4000",
                                      "propose", f"v{client}.{number}", timeout=120)
            self.answers += result.returncode == 0
            time.sleep(rng.uniform(0.0, 0.05))

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=120)
        history = os.path.join(self.cluster.work, "history.jsonl")
        with open(history, "w") as out:
            for path in self.histories:
                if os.path.exists(path):
                    out.write(open(path).read())
        return history


def converged(cluster, status):
    if len(status) != len(cluster.ids):
        return False
    if cluster.algo == "paxos":
        return True
    if cluster.algo == "multipaxos":
        return len({s["commit_index"] for s in status.values()}) == 1
    values = {(s["commit_index"], s["log_length"]) for s in status.values()}
    return len(values) == 1 and next(iter(values))[0] == next(iter(values))[1]


def check_log_writes(cluster, logs, operations):
    # The logs agree wherever two nodes hold the same position (index or slot).
    # "Converged" is one status poll: a decision still in flight then may reach
    # one node and not another before the stop (a Multi-Paxos replica can hold
    # slot 60 while slot 55 is still a gap), so the positions one node lacks are
    # not compared; every acknowledged write is required on every node below.
    def positions(log):
        return {entry.get("index", entry.get("slot")): entry for entry in log}
    first = positions(logs[cluster.ids[0]])
    for n in cluster.ids:
        theirs = positions(logs[n])
        for position in first.keys() & theirs.keys():
            check(first[position] == theirs[position],
                  f"the nodes' logs differ at {position}: node {cluster.ids[0]} holds "
                  f"{first[position]}, node {n} holds {theirs[position]}")
    for n in cluster.ids:
        held = {(entry["client"], entry["cmd"]) for entry in logs[n]}
        for op in operations:
            if op["op"] in ("put", "append") and op.get("return") is not None and op.get("ok"):
                command = f"{op['op']} {op['key']} {op['value']}"
                check((op["client"], command) in held,
                      f"acknowledged write {command} (client {op['client']}) is missing on "
                      f"node {n}")
    commands = {(entry["client"], entry["cmd"]) for entry in logs[cluster.ids[0]]}
    acknowledged = [op for op in operations
                    if op["op"] in ("put", "append") and op.get("return") is not None
                    and op.get("ok")]
    check(len(acknowledged) > 50, f"too few writes acknowledged: {len(acknowledged)}")
    for op in acknowledged:
        command = f"{op['op']} {op['key']} {op['value']}"
        check((op["client"], command) in commands,
              f"acknowledged write {command} (client {op['client']}) is missing")
    print(f"{len(operations)} operations, {len(acknowledged)} acknowledged writes, all on every "
          f"node; logs agree ({len(logs[cluster.ids[0]])} entries on node {cluster.ids[0]})")


def check_chosen(cluster, logs, operations):
    answers = [op for op in operations if op.get("return") is not None and op.get("ok")]
    check(len(answers) > 20, f"too few proposals answered: {len(answers)}")
    chosen = {op["result"] for op in answers}
    check(len(chosen) == 1, f"proposals were answered with different values: {chosen}")
    value = next(iter(chosen))
    holders = [n for n in cluster.ids if logs[n] and logs[n][0]["value"] == value]
    check(len(holders) * 2 > len(cluster.ids),
          f"the chosen value {value} is held by acceptors {holders} only, not a majority")
    print(f"{len(operations)} proposals, {len(answers)} answered, all with the chosen value "
          f"{value}, which acceptors {holders} hold")


def test_crash(args):
    rng = random.Random(args.seed)
    print(f"seed {args.seed}: {args.algo}, layout {args.layout}")
    cluster = Cluster(args, args.layout, args.algo)
    history = os.path.join(cluster.work, "history.jsonl")
    proposers = bench = None
    try:
        cluster.start_all()
        cluster.wait_for_leader()
        if args.algo == "paxos":
            proposers = Proposers(cluster, 3, args.seed)
        else:
            bench = subprocess.Popen(
                [os.path.join(cluster.bin, "ctl", "quorum-ctl"), "--peers", cluster.peers,
                 "--history", history, "bench", "--clients", "4", "--seconds", "600", "--keys",
                 "4", "--workload", "mixed", "--think-ms", "5", "--seed", str(args.seed)],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for round_number in range(1, 21):
            time.sleep(rng.uniform(0.1, 0.5))
            cluster.wait_for_leader()
            node = rng.choice(cluster.ids)
            cluster.kill9(node)
            time.sleep(rng.uniform(0.0, 0.3))
            cluster.start(node)
            kind = "native" if cluster.kinds[node] == "n" else "wasm"
            print(f"round {round_number}: killed and restarted node {node} ({kind})", flush=True)
        cluster.wait_for_leader()
        time.sleep(0.5)  # some operations after the last restart too
        if proposers:
            history = proposers.stop()
        else:
            bench.send_signal(signal.SIGTERM)
            bench_output, _ = bench.communicate(timeout=60)
            print(bench_output.strip())
            check(bench.returncode == 0, f"bench failed: {bench_output}")

        cluster.wait_for("converged logs", lambda status: converged(cluster, status))
        cluster.stop_all()

        site_hash = sha256(cluster.wasm)
        check(cluster.wasm_hashes() == {site_hash},
              f"the wasm nodes ran {cluster.wasm_hashes()}, not the page's {site_hash}")
        print(f"every wasm node ran the page's quorum_node.wasm (sha256 {site_hash[:16]}...)")
        compactions = cluster.compactions()
        check(sum(compactions.values()) > 0, "no wasm node compacted its record log")
        print(f"record log compactions per wasm node: {compactions}")

        logs = {node: cluster.dump(node) for node in cluster.ids}
        operations = [json.loads(line) for line in open(history)]
        if args.algo == "paxos":
            check_chosen(cluster, logs, operations)
        else:
            check_log_writes(cluster, logs, operations)

        trace = os.path.join(cluster.work, "trace.jsonl")
        with open(trace, "w") as out:  # quorum-sim check wants a trace; ours has no events
            out.write(f'{{"t":0,"ev":"cluster","algo":"{args.algo}","nodes":3,"seed":0}}\n')
        result = subprocess.run([args.sim, "check", trace, "--history", history],
                                capture_output=True, text=True, timeout=300)
        print((result.stdout + result.stderr).strip())
        check(result.returncode == 0 and ": linearizable (" in result.stdout,
              "the client history is not shown linearizable")
    finally:
        if proposers:
            proposers.stopping.set()
        if bench and bench.poll() is None:
            bench.kill()
        cluster.cleanup()


# --- corrupt -------------------------------------------------------------------------

FRAME_HEADER = 15


def frames(data):
    """(offset, body) of each frame of a record log (shell/worker/record_log.hpp)."""
    at = 0
    while at + FRAME_HEADER <= len(data):
        size = struct.unpack_from("<I", data, at + 3)[0]
        yield at, data[at + FRAME_HEADER:at + FRAME_HEADER + size]
        at += FRAME_HEADER + size


def break_a_record_seal(data):
    """The last frame with a Put: one byte of its record's payload changed and
    the frame's body checksum made right again, so only the record's own
    seal (CRC of key and payload) tells."""
    last = None
    for offset, body in frames(data):
        if body[:1] == b"\x01":
            last = offset, body
    check(last is not None, "no frame with a Put")
    offset, body = last
    key_size = struct.unpack_from("<I", body, 1)[0]
    value_at = 1 + 4 + key_size + 4
    body = bytearray(body)
    body[value_at + 6] ^= 0x40  # past the seal's version and CRC: the payload
    header = bytearray(data[offset:offset + FRAME_HEADER])
    struct.pack_into("<I", header, 7, zlib.crc32(bytes(body)))
    struct.pack_into("<I", header, 11, zlib.crc32(bytes(header[:11])))
    return data[:offset] + bytes(header) + bytes(body) + data[offset + FRAME_HEADER + len(body):]


def test_corrupt(args):
    rng = random.Random(args.seed)
    cluster = Cluster(args, "nww")
    try:
        cluster.start_all()
        for i in range(5):
            check(cluster.ctl("put", f"k{i}", f"v{i}").returncode == 0, "put failed")
        cluster.wait_for("node 3 caught up", lambda s: s.get(3, {}).get("commit_index", 0) >= 6)
        cluster.stop(3)
        path = os.path.join(cluster.data(3), "records.log")
        original = open(path, "rb").read()
        middle = len(original) // 2
        flipped = bytearray(original)
        for i in range(middle, middle + 16):
            flipped[i] ^= 1 + rng.randrange(255)
        last_offset, last_body = list(frames(original))[-1]
        torn = original[last_offset:last_offset + FRAME_HEADER + len(last_body) // 2]
        damages = {"flipped bytes": (bytes(flipped), "checksum mismatch"),
                   "a record's seal": (break_a_record_seal(original), "checksum mismatch"),
                   # The torn write is not cut off either: nothing is written to a log
                   # whose records do not all load.
                   "a record's seal, then a torn write": (break_a_record_seal(original) + torn,
                                                         "checksum mismatch"),
                   "another node's file": (open(os.path.join(cluster.data(2), "records.log"),
                                                "rb").read(), "is not this node's: the file belongs to raft node 2")}
        for damage, (data, expected) in damages.items():
            with open(path, "wb") as f:
                f.write(data)
            before = sha256(path)
            result = subprocess.run(cluster.node_command(3, "--peers", cluster.peers),
                                    capture_output=True, text=True, timeout=60)
            print(f"{damage}: exit {result.returncode}: {result.stderr.strip()}")
            check(result.returncode == 1, f"a damaged node started (exit {result.returncode})")
            check("refusing to start" in result.stderr and path in result.stderr
                  and expected in result.stderr, "the refusal does not name the file and damage")
            if damage.startswith("a record's seal"):
                check("record raft/" in result.stderr, "the refusal does not name the record")
            check(sha256(path) == before, "the damaged file was changed")
        # Not damage: a write cut short at the end (never fsynced whole, so
        # never acknowledged) is cut off and the node starts.
        with open(path, "wb") as f:
            f.write(original + torn)
        cluster.start(3)
        cluster.wait_for("node 3 back", lambda s: 3 in s)
        cluster.stop(3)
        check("cut off an unfinished write at byte " + str(len(original)) in
              open(cluster.log_path(3)).read(), "the torn write was not reported")
        check(open(path, "rb").read()[:len(original)] == original,
              "cutting off the torn write changed what came before it")
        print(f"a write torn at byte {len(original)}: cut off, the node started")
        check(cluster.ctl("put", "after", "1").returncode == 0, "the cluster stopped committing")
        cluster.stop_all()
        for node in (1, 2):
            values = [e["cmd"] for e in cluster.dump(node)]
            for i in range(5):
                check(f"put k{i} v{i}" in values, f"node {node} lost put k{i}")
            check("put after 1" in values, f"node {node} lacks the later put")
    finally:
        cluster.cleanup()


# --- persist before send ---------------------------------------------------------------

def test_persist(args):
    """One wasm node alone (so its own answer is the acknowledgement): a write
    acknowledged and the node killed with SIGKILL at once, ten times; each
    write must be there after the restart. A host that sends before its
    fsync (QUORUM_NODE_HOST_UNSAFE=send-before-fsync) fails this."""
    cluster = Cluster(args, "w")
    try:
        cluster.start(1)
        cluster.wait_for_leader()
        for round_number in range(1, 11):
            key, value = f"k{round_number}", f"v{round_number}"
            check(cluster.ctl("put", key, value).returncode == 0, f"put {key} failed")
            cluster.kill9(1)
            cluster.start(1)
            cluster.wait_for_leader()
            result = cluster.ctl("get", key)
            check(result.returncode == 0 and result.stdout.strip() == value,
                  f"persist before send broken: the acknowledged put {key} {value} was "
                  f"forgotten by a SIGKILL (get {key}: {result.stdout.strip()!r})")
        print("10 acknowledged writes, each followed by SIGKILL: all kept")
    finally:
        cluster.cleanup()


# --- garbage ---------------------------------------------------------------------------

WIRE_VERSION = 2  # kWireVersion, core/include/quorum/wire/codec.hpp


def header(tag, from_id, to_id, version=WIRE_VERSION):
    return b"QW" + bytes([version, tag]) + struct.pack("<II", from_id, to_id)


def test_garbage(args):
    rng = random.Random(args.seed)
    cluster = Cluster(args, "nww")
    try:
        cluster.start_all()
        cluster.wait_for_leader()
        check(cluster.ctl("put", "before", "1").returncode == 0, "put failed")
        before = {n: s["commit_index"] for n, s in cluster.status().items()}
        sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sent = {}
        request_vote = header(1, 1, 2) + struct.pack("<QIQQB", 5, 1, 0, 0, 0)
        prepare = header(7, 1, 2) + struct.pack("<QI", 5, 1)  # Paxos's: unknown to Raft
        for node, port in cluster.ports.items():
            datagrams = {
                "garbage": [bytes([rng.randrange(0x51)]) +
                            bytes(rng.randrange(256) for _ in range(rng.randrange(80)))
                            for _ in range(100)] + [prepare],
                "truncated": [header(3, 1, node)[:n] for n in range(2, 12)] +
                             [request_vote[:n] for n in range(12, len(request_vote))],
                "version": [header(1, 1, node, version=v) + b"\0" * 29
                            for v in (0, WIRE_VERSION - 1, WIRE_VERSION + 1, 255)],
                "unknown-node": [header(1, 7, node) + b"\0" * 29,
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
            print(f"node {node} ({cluster.kinds[node]}): dropped {s['dropped']}, commit "
                  f"{before[node]} -> {s['commit_index']}")
            for kind, count in sent.items():
                check(s["dropped"].get(kind) == count,
                      f"node {node} counted {s['dropped'].get(kind)} {kind} drops, sent {count}")
            check(s["commit_index"] > before[node], f"node {node} stopped committing")
        log = open(cluster.log_path(2)).read()
        check(log.count("(garbage)") == 1, "a wasm node should log garbage drops once")
    finally:
        cluster.cleanup()


# --- flags -------------------------------------------------------------------------------

def test_flags(args):
    cluster = Cluster(args, "w")
    host = ["node", HOST, "--wasm", cluster.wasm]
    data = os.path.join(cluster.work, "n1")
    a_file = os.path.join(cluster.work, "a-file")
    open(a_file, "w").close()
    good = "1=127.0.0.1:17490,2=127.0.0.1:17491"
    cases = [
        ([*host, "--id", "1", "--peers", good, "--data", data, "--fast"], "unknown option '--fast'"),
        ([*host, "--id", "one", "--peers", good, "--data", data], "--id 'one' is not a node id"),
        ([*host, "--id", "3", "--peers", good, "--data", data], "--id 3 is not in --peers"),
        ([*host, "--id", "1", "--peers", good, "--data", a_file], "is not a directory"),
        ([*host, "--id", "1", "--peers", good, "--data", os.path.join(a_file, "n1")],
         "not a directory"),
        ([*host, "--id", "1", "--peers", "1=127.0.0.1", "--data", data], "needs a port"),
        ([*host, "--id", "1", "--peers", "1=127.0.0.1:1,3=127.0.0.1:3", "--data", data],
         "must number its nodes 1..2"),
        ([*host, "--id", "1", "--peers", good, "--data", data, "--algo", "zab"], "--algo 'zab'"),
        ([*host, "--id", "1", "--peers", good], "--data is required"),
        ([*host, "--id", "1", "--peers", good, "--data", data, "--seed", "-4"], "--seed"),
        ([*host, "--id", "1", "--peers", good, "--data", data, "--wasm", a_file + ".wasm"],
         "no such file"),
    ]
    for command, expected in cases:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
        output = result.stdout + result.stderr
        print(f"exit {result.returncode}: {' '.join(command[4:])}: {output.splitlines()[0][:90]}")
        check(result.returncode == 2, f"{command} exited {result.returncode}, not 2")
        check(expected in output, f"{command} did not say '{expected}': {output}")
    check(not os.path.exists(data), "a refused command line created the data directory")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("test", choices=["crash", "corrupt", "garbage", "flags", "persist"])
    parser.add_argument("--bin", required=True, help="build/<preset>/shell")
    parser.add_argument("--site", required=True, help="the web build's site (quorum_node.wasm)")
    parser.add_argument("--sim", help="quorum-sim (crash)")
    parser.add_argument("--port-base", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--algo", default="raft", choices=["raft", "paxos", "multipaxos"])
    parser.add_argument("--layout", default="nww", help="n native, w wasm, node 1 first")
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    started = time.monotonic()
    try:
        {"crash": test_crash, "corrupt": test_corrupt, "garbage": test_garbage,
         "flags": test_flags, "persist": test_persist}[args.test](args)
    except (Failure, subprocess.TimeoutExpired) as failure:
        print(f"FAIL {args.test} (seed {args.seed}): {failure}; logs in {args.work}")
        return 1
    print(f"ok {args.test} (seed {args.seed}) in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
