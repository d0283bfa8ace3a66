"""gunicorn for ``benchmarks/load.py``: started on a free loopback port, watched for memory, stopped, its log read."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _status_kb(pid: int, key: str) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # the process ended meanwhile
        return 0
    match = re.search(rf"^{key}:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # Fields after the command (which may hold spaces) in parentheses: state, then the parent's pid.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


class Gunicorn:
    """The site under gunicorn with ``workers`` workers of ``worker_class``; peak memory sampled every half second.

    Workers are found as the master's children; a worker that gunicorn replaced (after a timeout, say) is counted,
    so a run that lost workers says so."""

    def __init__(self, env: dict, log_path: Path, workers: int = 2, worker_class: str = "sync", threads: int = 1):
        self.env, self.log_path = env, log_path
        self.workers, self.worker_class, self.threads = workers, worker_class, threads
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.peak_rss_kb: dict[int, int] = {}
        self.hwm_kb: dict[int, int] = {}
        self._stop_sampling = threading.Event()
        self._sampler: threading.Thread | None = None

    def start(self, ready_path: str = "/", ready_seconds: float = 60) -> None:
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "--bind", f"{HOST}:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", self.worker_class,
            "--threads", str(self.threads),
            "--chdir", str(ROOT),
            "--pythonpath", str(ROOT / "benchmarks"),
            "--log-level", "info",
            "--no-control-socket",  # gunicorn 27's default socket path is one per user: parallel runs would share it
            "load_wsgi:application",
        ]  # fmt: skip
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        log.close()
        deadline = time.monotonic() + ready_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            if len(children(self.process.pid)) >= self.workers and self._answers(ready_path):
                break
            time.sleep(0.2)
        else:
            self.stop()
            raise RuntimeError(
                f"gunicorn did not answer {ready_path} within {ready_seconds:.0f} s; see {self.log_path}"
            )
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _answers(self, path: str) -> bool:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            connection.request("GET", path)
            return connection.getresponse().status < 500
        except OSError:
            return False
        finally:
            connection.close()

    def _sample(self) -> None:
        while not self._stop_sampling.is_set():
            self._measure()
            self._stop_sampling.wait(0.5)

    def _measure(self) -> None:
        for pid in children(self.process.pid):
            self.peak_rss_kb[pid] = max(self.peak_rss_kb.get(pid, 0), _status_kb(pid, "VmRSS"))
            self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), _status_kb(pid, "VmHWM"))

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self._stop_sampling.set()
        if self._sampler is not None:
            self._sampler.join()
            self._measure()  # the workers' high-water marks as the run ends
        self.process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop: workers finish their request
        try:
            self.process.wait(timeout=35)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def memory(self) -> dict:
        """Peak resident memory of each worker (the kernel's VmHWM, which also covers moments between samples)."""
        peaks_mb = sorted((round(kb / 1024, 1) for kb in self.hwm_kb.values()), reverse=True)
        return {
            "workers_seen": len(self.hwm_kb),
            "worker_peak_rss_mb": peaks_mb,
            "max_worker_peak_rss_mb": peaks_mb[0] if peaks_mb else None,
        }


def log_findings(log_path: Path) -> dict:
    """What the server's log says went wrong: tracebacks of "database is locked", 500s by path, worker timeouts."""
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    # Django re-raises sqlite3's error as its own, so each traceback names it twice; count Django's line only.
    locked = len(re.findall(r"^django\.db\.utils\.OperationalError: database is locked", text, re.M))
    server_errors = Counter(re.findall(r"^Internal Server Error: (\S+)", text, re.M))
    return {
        "database_locked": locked,
        "internal_server_errors": sum(server_errors.values()),
        "internal_server_errors_by_path": dict(server_errors.most_common(10)),
        "worker_timeouts": len(re.findall(r"WORKER TIMEOUT", text)),
    }


def server_environment(base: dict) -> dict:
    env = {**os.environ, **base}
    env.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    return env
