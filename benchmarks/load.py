"""N simulated planners against two `oppi serve` replicas that share one PostgreSQL and one
`chroma run` server; one replica is killed with SIGKILL mid-run, and the script checks that no
saved decision was lost.

Each planner signs in (its own account) on its replica, as a sticky proxy would keep it, then
loops: check a draft, draft outcomes, ask the chat, save, accept outcome 1, save again. When
its replica dies it signs in on the other and goes on (a request cut by the kill counts as a
failover, not an error). The chat model is the fake one (OPPI_CHAT_PROVIDER=fake).

Run: .venv/bin/python benchmarks/load.py --planners 50 --seconds 60
PostgreSQL: a throwaway server from Debian's binaries (as the `postgres` user when root), or
--database-url for an existing one. Prints p50/p95/max per step, errors, failovers, lost saves.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from gradio_client import Client
from postgres import PostgresServer

from assistant.accounts import Accounts
from assistant.db import connect
from assistant.store import CredentialStore

PASSWORD = "load-test-password"
DRAFT = """# Basics of cloud services
Awarding body: Example University of Applied Sciences
Level: EQF 6
Workload: 3 ECTS (81 hours)
Assessment: Multiple-choice exam

Learning outcomes:
- The learner will understand cloud computing.
- The learner can deploy a containerised web application to a public cloud platform.
- The learner can configure access control for a cloud storage bucket in a test project.
"""
SMALL_CORPUS = [ROOT / "corpus" / "quality", ROOT / "corpus" / "guidelines" / "ects-workload.md",
                ROOT / "corpus" / "guidelines" / "writing-learning-outcomes.md"]
SAVED = re.compile(r"Saved \*\*(?P<title>.+)\*\* \(version (?P<version>\d+)\)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, process: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the process ended with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers (401 before sign-in)
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def oppi(env: dict, *args: str, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-c", "from assistant.cli import main; main()", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)


class Replica:
    def __init__(self, name: str, env: dict, folder: Path) -> None:
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = oppi(env, "serve", "--port", str(self.port), log=folder / f"{name}.log")
        self.killed = threading.Event()

    def kill(self) -> None:
        self.killed.set()
        self.process.send_signal(signal.SIGKILL)


class Planner(threading.Thread):
    def __init__(self, number: int, replicas: list[Replica], stop_at: float, run: str, report: Report,
                 think: float = 0.0, delay: float = 0.0) -> None:
        super().__init__(daemon=True)
        self.think, self.delay = think, delay
        self.number, self.replicas, self.stop_at, self.run_id, self.report = number, replicas, stop_at, run, report
        self.replica = replicas[number % len(replicas)]

    def sign_in(self) -> Client:
        started = time.perf_counter()
        client = Client(self.replica.url, auth=(f"planner{self.number}", PASSWORD), verbose=False,
                        httpx_kwargs={"timeout": 120})
        self.report.time("sign in", started)
        return client

    def run(self) -> None:
        time.sleep(self.delay)  # planners arrive over the ramp-up, not all in one instant
        client, round_number = None, 0
        while time.monotonic() < self.stop_at:
            try:
                client = client or self.sign_in()
                round_number += 1
                self.one_round(client, round_number)
            except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the run
                if self.replica.killed.is_set():
                    self.report.failover(self.replica.name)
                    self.replica = next(r for r in self.replicas if not r.killed.is_set())
                else:
                    self.report.error(f"planner {self.number} on {self.replica.name}: {error!r}"[:300])
                client = None

    def one_round(self, client: Client, round_number: int) -> None:
        title = f"Load {self.run_id} planner {self.number} round {round_number}"
        self.step(client, "check", DRAFT, None, "en", api_name="/check")
        self.step(client, "draft", title, "Cloud administrators", 6, 5, "cloud deployment\naccess control",
                  "public sector IT", "en", "composer", api_name="/suggest")
        self.step(client, "chat", f"How many hours is one credit, asks planner {self.number}?", api_name="/respond")
        self.saved(title, self.step(client, "save", api_name="/save_current"), accepted=False)
        self.step(client, "decide", 1, api_name="/accept_one")
        self.saved(title, self.step(client, "save", api_name="/save_current"), accepted=True)

    def step(self, client: Client, name: str, *args, api_name: str):
        started = time.perf_counter()
        result = client.predict(*args, api_name=api_name)
        self.report.time(name, started)
        time.sleep(self.think)
        return result

    def saved(self, title: str, result, accepted: bool) -> None:
        status = result[-1] if isinstance(result, (list, tuple)) else result
        match = SAVED.search(str(status))
        if match is None or match["title"] != title:
            raise RuntimeError(f"save answered {status!r}")
        self.report.saved(title, int(match["version"]), accepted)


class Report:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.failovers: dict[str, int] = defaultdict(int)
        self.saves: dict[str, tuple[int, bool]] = {}

    def time(self, step: str, started: float) -> None:
        with self.lock:
            self.latencies[step].append(time.perf_counter() - started)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)

    def failover(self, replica: str) -> None:
        with self.lock:
            self.failovers[replica] += 1

    def saved(self, title: str, version: int, accepted: bool) -> None:
        with self.lock:
            self.saves[title] = (version, accepted)


def lost_saves(report: Report, database_url: str) -> list[str]:
    """Every save a planner was told succeeded, looked up in the database."""
    store = CredentialStore(database_url)
    found = {s.title: s for s in store.list()}
    lost = []
    for title, (version, accepted) in report.saves.items():
        summary = found.get(title)
        if summary is None or summary.versions < version or (accepted and summary.counts["accepted"] < 1):
            lost.append(f"{title}: told version {version}{' with outcome 1 accepted' if accepted else ''}, "
                        f"found {summary.versions if summary else 'nothing'}")
    store.close()
    return lost


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--planners", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kill-after", type=float, default=None, help="Seconds until replica A is killed (default: half-time; <0: never).")
    parser.add_argument("--database-url", default=None, help="An existing PostgreSQL (default: a throwaway one).")
    parser.add_argument("--ramp", type=float, default=10.0, help="Seconds over which the planners arrive.")
    parser.add_argument("--think", type=float, default=1.0, help="Seconds a planner reads each answer before the next step.")
    parser.add_argument("--corpus", type=Path, nargs="*", default=SMALL_CORPUS,
                        help="What the replicas' library holds (default: a few built-in documents, to start fast).")
    args = parser.parse_args()
    kill_after = args.seconds / 2 if args.kill_after is None else args.kill_after

    folder = Path(tempfile.mkdtemp(prefix="oppi-load-"))
    postgres = None if args.database_url else PostgresServer().start()
    database_url = args.database_url or postgres.new_database()
    chroma_port = free_port()
    chroma = subprocess.Popen(
        [shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma", "run", "--path", str(folder / "chroma"),
         "--host", "127.0.0.1", "--port", str(chroma_port)],
        stdout=(folder / "chroma.log").open("wb"), stderr=subprocess.STDOUT, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    replicas: list[Replica] = []
    try:
        wait_http(f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat", chroma)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "OPPI_HOME": str(folder / "home"), "OPPI_DATABASE_URL": database_url,
               "OPPI_CHROMA_URL": f"http://127.0.0.1:{chroma_port}", "OPPI_CHAT_PROVIDER": "fake",
               "OPPI_DRAFT_STRATEGY": "composer", "GRADIO_ANALYTICS_ENABLED": "False"}
        started = time.monotonic()
        if oppi(env, "index", *map(str, args.corpus), log=folder / "index.log").wait() != 0:
            raise SystemExit(f"indexing failed: {(folder / 'index.log').read_text()[-2000:]}")
        print(f"library indexed into the Chroma server in {time.monotonic() - started:.0f} s", flush=True)
        accounts = Accounts(connect(database_url))
        for number in range(args.planners):
            accounts.add(f"planner{number}", PASSWORD, "planner")
        replicas = [Replica("A", env, folder), Replica("B", env, folder)]
        for replica in replicas:
            wait_http(replica.url, replica.process)
        print(f"{args.planners} planners, {args.seconds:.0f} s, ramp-up {args.ramp:.0f} s, think {args.think} s, replicas {', '.join(r.url for r in replicas)}", flush=True)

        # One untimed round per replica first: loading the language models is not what is measured.
        warm = Report()
        accounts.add("warm-up", PASSWORD, "planner")
        for replica in replicas:
            Planner(0, replicas, 0, f"warm-up {replica.name}", warm).one_round(
                Client(replica.url, auth=("warm-up", PASSWORD), verbose=False), 0)
        report, run_id = Report(), str(int(time.time()))
        stop_at = time.monotonic() + args.seconds
        planners = [Planner(n, replicas, stop_at, run_id, report, args.think, n * args.ramp / args.planners)
                    for n in range(args.planners)]
        for planner in planners:
            planner.start()
        if kill_after >= 0:
            time.sleep(kill_after)
            replicas[0].kill()
            print(f"SIGKILL replica A at {kill_after:.0f} s", flush=True)
        for planner in planners:
            planner.join(timeout=args.seconds + 120)

        print(f"\n{'step':8} {'count':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
        for step in ("sign in", "check", "draft", "chat", "decide", "save"):
            values = report.latencies.get(step, [])
            if values:
                print(f"{step:8} {len(values):6d} {statistics.median(values):7.3f} {percentile(values, 0.95):7.3f} {max(values):7.3f}")
        lost = lost_saves(report, database_url)
        print(f"\nsaves confirmed to planners: {sum(v for v, _ in report.saves.values())} in {len(report.saves)} credentials")
        print(f"errors: {len(report.errors)}; failovers after the kill: {dict(report.failovers)}; lost saves: {len(lost)}")
        for line in (report.errors[:10] + lost[:10]):
            print("  " + line)
        sys.exit(1 if report.errors or lost else 0)
    finally:
        for replica in replicas:
            if replica.process.poll() is None:
                replica.process.terminate()
                replica.process.wait(timeout=30)
        chroma.terminate()
        chroma.wait(timeout=30)
        if postgres is not None:
            postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
