"""N simulated planners against two `oppi serve` replicas that share one PostgreSQL and one
`chroma run` server; one replica is killed with SIGKILL mid-run, and the script checks that no
saved decision was lost.

Each planner signs in (its own account) on its replica, as a sticky proxy would keep it, then
loops: check a draft, draft outcomes, ask the chat, save, accept outcome 1, save again, reading
each answer for a think time before the next step. When its replica dies it signs in on the
other after a think time (the planner sees the error and reloads the page) and goes on; a
request cut by the kill counts as a failover, not an error. The chat
model is the fake one (OPPI_CHAT_PROVIDER=fake).

The planners speak Gradio's HTTP API (`POST /gradio_api/call/<api>`, then its event stream:
what gradio_client and `curl` use) through one shared asyncio httpx client, each with its own
sign-in cookie and Gradio session. One gradio_client per planner cost the load generator
about 0.06 CPU-s per call and 0.12 CPU-s per sign-in (measured), three times what the replica
spent answering, so on a small machine the generator, not Oppi, was what was measured.

Think time: a planner reads a check report, drafted outcomes or an answer before the next
step; people take tens of seconds for that. The default, 5 s on average (uniform 2.5–7.5 s, so
that the planners do not march in step), makes each simulated planner several times busier
than a real one. Each round's draft differs (title and one outcome), so no cache answers it.

Run: .venv/bin/python benchmarks/load.py --planners 50 --seconds 60
PostgreSQL: a throwaway server from Debian's binaries (as the `postgres` user when root), or
--database-url for an existing one. Prints p50/p95/max per step, errors, failovers, lost
saves, the CPU-seconds of each process in the measured window and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import defaultdict
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import httpx
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
STEPS = ("sign in", "check", "draft", "chat", "save", "decide")
CUT = (httpx.TransportError, ConnectionError)  # what a request to a killed replica raises


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
        self.killed = False
        self.cpu_at_kill: float | None = None

    def kill(self) -> None:
        self.cpu_at_kill = cpu_seconds(self.process.pid)
        self.killed = True
        self.process.send_signal(signal.SIGKILL)


class Finished(Exception):
    """The run's time is up: the planner leaves, even in the middle of a round."""


class GradioError(RuntimeError):
    """The replica answered a call with an error event."""


class Session:
    """One planner's sign-in on one replica: its cookie and its Gradio session (the draft under
    review lives in the session, as in a browser tab)."""

    def __init__(self, http: httpx.AsyncClient, replica: Replica, cookie: str) -> None:
        self.http, self.replica, self.cookie = http, replica, cookie
        self.session_hash = uuid.uuid4().hex[:11]

    @classmethod
    async def sign_in(cls, http: httpx.AsyncClient, replica: Replica, username: str) -> Session:
        answer = await http.post(f"{replica.url}/login", data={"username": username, "password": PASSWORD})
        answer.raise_for_status()
        cookie = "; ".join(f"{name}={value}" for name, value in answer.cookies.items())
        session = cls(http, replica, cookie)
        # What a browser loads next: the page (with the app's configuration).
        (await http.get(f"{replica.url}/", headers=session.headers)).raise_for_status()
        return session

    @property
    def headers(self) -> dict[str, str]:
        return {"Cookie": self.cookie}

    async def call(self, api_name: str, *data) -> list:
        """One event, as the page sends it: join the queue, then read its stream to the end."""
        url = f"{self.replica.url}/gradio_api/call/{api_name}"
        joined = await self.http.post(url, json={"data": list(data), "session_hash": self.session_hash},
                                      headers=self.headers)
        joined.raise_for_status()
        stream = await self.http.get(f"{url}/{joined.json()['event_id']}", headers=self.headers)
        stream.raise_for_status()
        event, payload = None, None
        for line in stream.text.splitlines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event in ("complete", "error"):
                payload = line.removeprefix("data: ")
        if event != "complete":
            raise GradioError(f"{api_name}: {event} {payload}"[:300])
        return json.loads(payload)


class Planner:
    def __init__(self, number: int, replicas: list[Replica], stop_at: float, run: str, report: Report,
                 think: float = 0.0, delay: float = 0.0) -> None:
        self.think, self.delay = think, delay
        self.number, self.replicas, self.stop_at, self.run_id, self.report = number, replicas, stop_at, run, report
        self.replica = replicas[number % len(replicas)]
        self.username = f"planner{number}"
        self.random = random.Random(number)  # the same think times in every run
        self.doing = "nothing yet"

    async def run(self, http: httpx.AsyncClient) -> None:
        await asyncio.sleep(self.delay)  # planners arrive over the ramp-up, not all in one instant
        session, round_number = None, 0
        while time.monotonic() < self.stop_at:
            try:
                if session is None:
                    session = await self.timed("sign in", Session.sign_in(http, self.replica, self.username))
                round_number += 1
                await self.one_round(session, round_number)
            except Finished:
                return
            except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the run
                if self.replica.killed and isinstance(error, (*CUT, GradioError, httpx.HTTPStatusError)):
                    self.report.failover(self.replica.name)
                    self.replica = next(r for r in self.replicas if not r.killed)
                    await self.pause()  # the planner sees the error, reloads the page, signs in again
                else:
                    self.report.error(f"planner {self.number} on {self.replica.name}, {self.doing}: {error!r}"[:300])
                    await asyncio.sleep(1)  # no tight loop of failures
                session = None

    async def one_round(self, session: Session, round_number: int) -> None:
        title = f"Load {self.run_id} planner {self.number} round {round_number}"
        draft = (DRAFT.replace("Basics of cloud services", title)
                 .replace("a test project", f"test project {round_number} of planner {self.number}"))
        await self.step("check", session.call("check", draft, None, "en"))
        await self.step("draft", session.call("suggest", title, "Cloud administrators", 6, 5,
                                              "cloud deployment\naccess control", "public sector IT", "en",
                                              "composer", [], False))
        await self.step("chat", session.call("respond", f"How many hours is one credit, asks planner {self.number}?"))
        self.saved(title, await self.step("save", session.call("save_current")), accepted=False)
        await self.step("decide", session.call("accept_one", 1))
        self.saved(title, await self.step("save", session.call("save_current")), accepted=True)

    async def timed(self, name: str, call):
        if time.monotonic() >= self.stop_at:
            call.close()  # never sent
            raise Finished
        started = time.perf_counter()
        self.doing = f"{name} at {time.strftime('%H:%M:%S')}"
        result = await call
        self.report.time(name, started)
        return result

    async def step(self, name: str, call):
        result = await self.timed(name, call)
        await self.pause()
        return result

    async def pause(self) -> None:
        await asyncio.sleep(self.think * self.random.uniform(0.5, 1.5))

    def saved(self, title: str, result: list, accepted: bool) -> None:
        status = result[-1] if isinstance(result, list) and result else result
        match = SAVED.search(str(status))
        if match is None or match["title"] != title:
            raise RuntimeError(f"save answered {status!r}")
        self.report.saved(title, int(match["version"]), accepted)


class Report:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.failovers: dict[str, int] = defaultdict(int)
        self.saves: dict[str, tuple[int, bool]] = {}

    def time(self, step: str, started: float) -> None:
        self.latencies[step].append(time.perf_counter() - started)

    def error(self, message: str) -> None:
        self.errors.append(message)

    def failover(self, replica: str) -> None:
        self.failovers[replica] += 1

    def saved(self, title: str, version: int, accepted: bool) -> None:
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
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc; 0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def postgres_pids(postmaster: int) -> list[int]:
    """The postmaster and its backends (one per pooled connection of a replica)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == postmaster:
                children.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return [postmaster, *children]


def postmaster_pid(server: PostgresServer) -> int:
    return int((server.data / "postmaster.pid").read_text().split()[0])


class CpuMeter:
    """CPU-seconds per process over the measured window."""

    def __init__(self, processes: dict[str, int], postmaster: int | None) -> None:
        self.processes, self.postmaster = processes, postmaster
        self.start = self._read()

    def _read(self) -> dict[str, float]:
        seconds = {name: cpu_seconds(pid) for name, pid in self.processes.items()}
        if self.postmaster is not None:
            seconds["postgresql"] = sum(cpu_seconds(pid) for pid in postgres_pids(self.postmaster))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        seconds["load script"] = usage.ru_utime + usage.ru_stime
        return seconds

    def used(self, final: dict[str, float] | None = None) -> dict[str, float]:
        end = {**self._read(), **(final or {})}
        return {name: end[name] - self.start[name] for name in self.start}


async def drive(planners: list[Planner], replicas: list[Replica], kill_after: float, seconds: float) -> None:
    # Idle connections are dropped before uvicorn's 5 s keep-alive ends, as a proxy would: a
    # request sent on a connection the server is closing fails without having been read.
    limits = httpx.Limits(max_connections=4 * len(planners) + 8, max_keepalive_connections=2 * len(planners) + 4,
                          keepalive_expiry=3.0)
    # Cookies are the planners' own (a header each); the shared client keeps none.
    jar = httpx.Cookies(CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])))
    async with httpx.AsyncClient(timeout=120, limits=limits, cookies=jar) as http:
        tasks = [asyncio.create_task(planner.run(http)) for planner in planners]
        if kill_after >= 0:
            await asyncio.sleep(kill_after)
            replicas[0].kill()
            print(f"SIGKILL replica A at {kill_after:.0f} s", flush=True)
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + 180)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--planners", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kill-after", type=float, default=None, help="Seconds until replica A is killed (default: half-time; <0: never).")
    parser.add_argument("--database-url", default=None, help="An existing PostgreSQL (default: a throwaway one).")
    parser.add_argument("--ramp", type=float, default=10.0, help="Seconds over which the planners arrive.")
    parser.add_argument("--think", type=float, default=5.0,
                        help="Mean seconds a planner reads each answer before the next step (each pause 0.5–1.5 times it).")
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
    keep = False
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
        accounts.add("warm-up", PASSWORD, "planner")
        replicas = [Replica("A", env, folder), Replica("B", env, folder)]
        for replica in replicas:
            wait_http(replica.url, replica.process)
        print(f"{args.planners} planners, {args.seconds:.0f} s, ramp-up {args.ramp:.0f} s, think {args.think} s on average, "
              f"replicas {', '.join(r.url for r in replicas)}", flush=True)

        # One untimed round per replica first: loading the language models is not what is measured.
        for replica in replicas:
            warm = Planner(0, [replica], time.monotonic() + 600, f"warm-up {replica.name}", Report())
            warm.username = "warm-up"
            asyncio.run(_warm_up(warm))
            if warm.report.errors:
                raise SystemExit(f"warm-up on replica {replica.name} failed: {warm.report.errors[0]}")

        report, run_id = Report(), str(int(time.time()))
        stop_at = time.monotonic() + args.seconds
        planners = [Planner(n, replicas, stop_at, run_id, report, args.think, n * args.ramp / args.planners)
                    for n in range(args.planners)]
        meter = CpuMeter({"replica A": replicas[0].process.pid, "replica B": replicas[1].process.pid,
                          "chroma": chroma.pid}, postmaster_pid(postgres) if postgres else None)
        load_before = os.getloadavg()
        asyncio.run(drive(planners, replicas, kill_after, args.seconds))
        cpu = meter.used({"replica A": replicas[0].cpu_at_kill} if replicas[0].cpu_at_kill is not None else None)
        load_after = os.getloadavg()

        print(f"\n{'step':8} {'count':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
        for step in STEPS:
            values = report.latencies.get(step, [])
            if values:
                print(f"{step:8} {len(values):6d} {statistics.median(values):7.3f} {percentile(values, 0.95):7.3f} {max(values):7.3f}")
        lost = lost_saves(report, database_url)
        print(f"\nsaves confirmed to planners: {sum(v for v, _ in report.saves.values())} in {len(report.saves)} credentials")
        print(f"errors: {len(report.errors)}; failovers after the kill: {dict(report.failovers)}; lost saves: {len(lost)}")
        for line in (report.errors[:10] + lost[:10]):
            print("  " + line)
        print(f"CPU-seconds in the {args.seconds:.0f} s window: " + ", ".join(f"{name} {value:.1f}" for name, value in cpu.items()))
        print(f"load average (1, 5, 15 min): before {' '.join(f'{x:.2f}' for x in load_before)}, "
              f"after {' '.join(f'{x:.2f}' for x in load_after)} on {os.cpu_count()} CPUs")
        if report.errors or lost:
            keep = True
            print(f"replica logs kept in {folder}")
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
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


async def _warm_up(planner: Planner) -> None:
    async with httpx.AsyncClient(timeout=300) as http:
        try:
            await planner.one_round(await Session.sign_in(http, planner.replica, planner.username), 0)
        except Exception as error:  # noqa: BLE001 - reported by the caller
            planner.report.error(repr(error))


if __name__ == "__main__":
    main()
