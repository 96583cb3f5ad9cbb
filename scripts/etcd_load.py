#!/usr/bin/env python3
"""The quorum-ctl bench load, against etcd: N concurrent clients, each with one
put outstanding at a time (a random key of K, a value "<client>.<seq>"), for S
seconds, through etcd's JSON gateway (POST /v3/kv/put) on keep-alive HTTP
connections to the leader. Prints one JSON line in quorum-ctl bench --json's
shape. Threads, not processes: the client spends its time waiting on etcd's
fsync, not on the GIL (the client's own CPU use is printed to check that).

usage: etcd_load.py --endpoints http://127.0.0.1:17501,... --clients N --seconds S --keys K
"""
import argparse
import base64
import http.client
import json
import random
import threading
import time
import urllib.parse


def post(connection, path, body):
    connection.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
    response = connection.getresponse()
    data = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}: {data[:200]!r}")
    return json.loads(data)


def connect(endpoint):
    url = urllib.parse.urlparse(endpoint)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=10)


def find_leader(endpoints):
    for endpoint in endpoints:
        status = post(connect(endpoint), "/v3/maintenance/status", {})
        if status["header"]["member_id"] == status["leader"]:
            return endpoint
    return endpoints[0]


def b64(text):
    return base64.b64encode(text.encode()).decode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoints", required=True)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--keys", type=int, default=1000)
    args = parser.parse_args()
    leader = find_leader(args.endpoints.split(","))
    latencies, errors = [], [0]
    lock = threading.Lock()
    start = time.monotonic()
    end = start + args.seconds

    def client(number):
        rng = random.Random(number)
        connection = connect(leader)
        mine, sequence = [], 0
        while time.monotonic() < end:
            sequence += 1
            body = {"key": b64(f"k{rng.randrange(args.keys)}"), "value": b64(f"{number}.{sequence}")}
            call = time.monotonic()
            try:
                post(connection, "/v3/kv/put", body)
                mine.append(time.monotonic() - call)
            except Exception:
                with lock:
                    errors[0] += 1
                connection = connect(leader)
        with lock:
            latencies.extend(mine)

    cpu_before = time.process_time()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    latencies.sort()

    def percentile(fraction):
        return 1000 * latencies[int(fraction * (len(latencies) - 1))] if latencies else 0.0

    print(json.dumps({"clients": args.clients, "seconds": round(elapsed, 2),
                      "operations": len(latencies), "refused": errors[0],
                      "ops_per_s": round(len(latencies) / elapsed, 1),
                      "p50_ms": round(percentile(0.5), 3), "p90_ms": round(percentile(0.9), 3),
                      "p99_ms": round(percentile(0.99), 3), "max_ms": round(percentile(1), 3),
                      "client_cpu_s": round(time.process_time() - cpu_before, 2)}))


if __name__ == "__main__":
    main()
