#!/usr/bin/env python3
"""Ratios of ObservabilityBenchmark's JMH scores, as a markdown table.

    python3 benchmarks/jmh_ratios.py benchmarks/target/results/jmh-observability.json

For each benchmark method and task count: its score (median over every measured iteration of
every fork, with the quartiles), its ratio to `completableFuture` (the hand-written anchor) and
to `fanout` (nothing registered). JMH runs each method in its own fork, one after the other, so
the iterations of two methods are not paired in time: a ratio's median and quartiles are those
of every iteration of one method over every iteration of the other.
"""
import json
import sys

ANCHOR = "completableFuture"
BASE = "fanout"
ORDER = [
    ("completableFuture", "(a) supplyAsync+allOf+join"),
    ("fanout", "(b) fanout, nothing registered (in-flight view on)"),
    ("fanoutInFlightOff", "(c) fanout, -Dfanout.inflight=false"),
    ("fanoutJfr", "(d) fanout, JFR recording dev.fanout.Call+Task"),
    ("fanoutOtelContext", "(e) fanout, OpenTelemetryPropagator"),
    ("fanoutOtelSpans", "(e) fanout, SpanListener + OpenTelemetryPropagator, SDK"),
    ("fanoutNoOpPropagator", "(f) fanout, one no-op ContextPropagator"),
]


def quantile(values, q):
    s = sorted(values)
    if not s:
        return float("nan")
    pos = q * (len(s) - 1)
    lo = int(pos)
    hi = min(len(s) - 1, lo + 1)
    return s[lo] + (pos - lo) * (s[hi] - s[lo])


def quartiles(values):
    return quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75)


def ratio(xs, ys):
    if not xs or not ys:
        return None
    return quartiles([x / y for x in xs for y in ys])


def fmt(r):
    return "" if r is None else "%.2f [%.2f, %.2f]" % (r[1], r[0], r[2])


def main(path):
    with open(path) as f:
        runs = json.load(f)
    scores = {}  # (tasks, method) -> every iteration's score
    for run in runs:
        method = run["benchmark"].rsplit(".", 1)[1]
        tasks = int(run.get("params", {}).get("tasks", 0))
        values = [v for fork in run["primaryMetric"]["rawData"] for v in fork]
        scores[(tasks, method)] = values
        unit = run["primaryMetric"]["scoreUnit"]
    print("| tasks | variant | %s median [q1, q3] | ns/task | / (a) | / (b) | iterations |" % unit)
    print("|---:|---|---|---:|---|---|---:|")
    for tasks in sorted({t for t, _ in scores}):
        for method, label in ORDER:
            values = scores.get((tasks, method))
            if values is None:
                continue
            q = quartiles(values)
            per_task = q[1] * 1000 / tasks if unit == "us/op" else float("nan")
            to_a = ratio(values, scores.get((tasks, ANCHOR), [])) if method != ANCHOR else None
            to_b = (ratio(values, scores.get((tasks, BASE), []))
                    if method not in (ANCHOR, BASE) else None)
            print("| %d | %s | %.2f [%.2f, %.2f] | %.0f | %s | %s | %d |" % (
                tasks, label, q[1], q[0], q[2], per_task, fmt(to_a), fmt(to_b), len(values)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: jmh_ratios.py jmh-observability.json")
    main(sys.argv[1])
