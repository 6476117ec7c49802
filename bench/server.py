"""The API as a subprocess on 127.0.0.1, for benchmarks that measure it over HTTP."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from api.config import PROJECT_ROOT

HOST = "127.0.0.1"
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0


class ServerError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def server_env(database_url: str) -> dict[str, str]:
    return os.environ | {
        "DVCQ_DATABASE_URL": database_url,
        "DVCQ_ENV": "development",
        "DVCQ_LOG_LEVEL": "WARNING",
        # A run of many slow requests must not outlive its access token.
        "DVCQ_ACCESS_TOKEN_MINUTES": "120",
    }


@dataclass(frozen=True)
class ApiServer:
    url: str
    pid: int  # for reading the process's memory


@contextmanager
def running_api(database_url: str) -> Iterator[ApiServer]:
    """Start uvicorn with the app, wait until /readyz answers 200, yield where it listens;
    stop the server on leaving, whatever happened."""
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory",
        "--host", HOST, "--port", str(port), "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    with tempfile.NamedTemporaryFile("w+", prefix="dvcq-bench-api-", suffix=".log") as log_file:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=server_env(database_url),
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            base_url = f"http://{HOST}:{port}"
            wait_ready(process, base_url, Path(log_file.name))
            yield ApiServer(base_url, process.pid)
        finally:
            stop(process)


def wait_ready(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    last = "no answer"
    with httpx.Client(base_url=base_url, timeout=5.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServerError(f"the API exited with {process.returncode}:\n{tail(log_path)}")
            try:
                response = client.get("/readyz")
                if response.status_code == 200:
                    return
                last = f"{response.status_code} {response.text}"
            except httpx.TransportError as exc:
                last = repr(exc)
            time.sleep(0.25)
    raise ServerError(f"/readyz not ready after {READY_TIMEOUT:.0f} s ({last}):\n{tail(log_path)}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
