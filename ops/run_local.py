"""`make run`: the whole system on this machine, nothing leaves it.

Starts, bound to 127.0.0.1: moto_server (the AWS emulator, with real Step
Functions execution switched on before anything is created), provisions every
resource with the same code `make deploy` uses, loads demo data and an API
key, starts `chalice local` and a static server for `frontend/`, and the
backup worker that plays Lambda's DynamoDB-stream trigger. Prints the URLs
and the key, then runs in the foreground; Ctrl-C or SIGTERM stops every
process it started (children also die if this process is killed).

Ports: OMS_API_PORT (8000), OMS_WEB_PORT (8080), OMS_AWS_PORT (5000).
Key: OMS_API_KEY, else the documented default below."""
import contextlib
import ctypes
import fcntl
import functools
import http.server
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from typing import Dict, List, Optional

from ops import access_log

ROOT = pathlib.Path(__file__).resolve().parent.parent
STATE_DIR = pathlib.Path(os.environ.get("OMS_STATE_DIR") or ROOT / ".oms")
DEFAULT_API_KEY = "oms-local-dev-key"
HOST = "127.0.0.1"
ACCOUNT = "123456789012"  # moto's account
REGION = "us-east-1"
EMULATOR_TIMEOUT_SECONDS = 10


class StartupError(Exception):
    pass


def _die_with_parent() -> None:
    """Runs in each child before exec: SIGTERM it if this runner dies, even by SIGKILL."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _port_free(port: int) -> bool:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A port nothing listens on now (the OS picks it)."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def free_ports() -> Dict[str, int]:
    """Free ports for a stack run beside any other, by the variables that set them."""
    return {name: free_port() for name in ("OMS_API_PORT", "OMS_WEB_PORT", "OMS_AWS_PORT")}


def background_environment(state_dir: pathlib.Path, api_key: str, ports: Dict[str, int],
                           settings: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """The environment of a stack run beside any other (tests, `make load`):
    its own ports and state directory, no AWS or OMS settings inherited, and
    the OMS `settings` given (e.g. a shorter AWS timeout for fault tests)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "OMS_"))}
    env.update({name: str(port) for name, port in ports.items()})
    env.update({"OMS_STATE_DIR": str(state_dir), "OMS_API_KEY": api_key})
    env.update(settings or {})
    return env


def start_in_background(state_dir: pathlib.Path, api_key: str, ports: Dict[str, int], stdout=subprocess.DEVNULL,
                        timeout: float = 120, settings: Optional[Dict[str, str]] = None):
    """Runs this module in a child process on `ports` (OMS_API_PORT, OMS_WEB_PORT,
    OMS_AWS_PORT); returns the process and its run.json once it serves.
    Stop it with SIGINT or SIGTERM."""
    process = subprocess.Popen([sys.executable, "-m", "ops.run_local"], cwd=ROOT,
                               env=background_environment(state_dir, api_key, ports, settings),
                               stdout=stdout, stderr=subprocess.STDOUT)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if (state_dir / "run.json").exists():
            return process, json.loads((state_dir / "run.json").read_text())
        if process.poll() is not None:
            raise StartupError(f"the local stack exited with code {process.returncode}")
        time.sleep(0.2)
    process.terminate()
    raise StartupError(f"the local stack did not start within {timeout:.0f}s")


def wait_http(url: str, timeout: float, process: Optional[subprocess.Popen] = None, name: str = "") -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise StartupError(f"{name} exited with code {process.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise StartupError(f"{name or url} did not answer within {timeout:.0f}s")


class StaticSite:
    """The website, served from `frontend/` in a thread of this process."""

    def __init__(self, port: int):
        handler = functools.partial(_QuietHandler, directory=str(ROOT / "frontend"))
        self.server = http.server.ThreadingHTTPServer((HOST, port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="website")

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `frontend/` uncached, with the site's security headers (ops.site_headers)."""

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        from ops.site_headers import SECURITY_HEADERS

        self.send_header("Cache-Control", "no-store")
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()


class LocalStack:
    def __init__(self, api_port: int, web_port: int, aws_port: int, api_key: str):
        self.api_port, self.web_port, self.aws_port, self.api_key = api_port, web_port, aws_port, api_key
        self.processes: Dict[str, subprocess.Popen] = {}
        self.site: Optional[StaticSite] = None
        self.lock_file = None
        self.acquired = False
        self.aws_url = f"http://{HOST}:{aws_port}"
        self.api_url = f"http://{HOST}:{api_port}"
        self.web_url = f"http://{HOST}:{web_port}"
        self.env: Dict[str, str] = {}

    # ------------------------------------------------------------ checks

    def acquire(self) -> None:
        STATE_DIR.mkdir(exist_ok=True)
        self.lock_file = open(STATE_DIR / "run.lock", "a+")
        try:
            fcntl.flock(self.lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.lock_file.seek(0)
            owner = self.lock_file.read().strip() or "another process"
            raise StartupError(f"make run is already running ({owner}); stop it with Ctrl-C first") from None
        busy = [f"{name} port {port}" for name, port in
                (("API", self.api_port), ("website", self.web_port), ("emulator", self.aws_port)) if not _port_free(port)]
        if busy:
            raise StartupError(f"{', '.join(busy)} already in use; free it or set OMS_API_PORT / OMS_WEB_PORT / OMS_AWS_PORT")
        self.lock_file.seek(0)
        self.lock_file.truncate()
        self.lock_file.write(f"pid {os.getpid()}")
        self.lock_file.flush()
        self.acquired = True

    # ------------------------------------------------------------ start

    def _spawn(self, name: str, command: List[str], env: Dict[str, str], redact_log: bool = False) -> subprocess.Popen:
        log = open(STATE_DIR / f"{name}.log", "w")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE if redact_log else log,
                                   stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_die_with_parent)
        if redact_log:
            access_log.copy_redacted(process.stdout, log)
        self.processes[name] = process
        return process

    def start(self) -> None:
        base_env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
        base_env.update({
            "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION, "AWS_ENDPOINT_URL": self.aws_url, "OMS_STAGE": "local",
            "PYTHONUNBUFFERED": "1",
        })
        # The emulator handles one call at a time, so under parallel requests a
        # call may queue for seconds (DynamoDB answers in milliseconds).
        base_env.setdefault("OMS_AWS_TIMEOUT_SECONDS", str(EMULATOR_TIMEOUT_SECONDS))
        emulator = self._spawn("emulator", [sys.executable, "-m", "ops.emulator", "--host", HOST, "--port", str(self.aws_port)],
                               base_env)
        wait_http(f"{self.aws_url}/moto-api/", 30, emulator, "moto_server")
        # Real state-machine execution must be on before the machine is created.
        request = urllib.request.Request(f"{self.aws_url}/moto-api/config", method="POST",
                                         data=json.dumps({"stepfunctions": {"execute_state_machine": True}}).encode(),
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=5).read()

        os.environ.update(base_env)
        resources = _provision_and_seed(self.api_key)
        self.env = {**base_env, "OMS_STATE_MACHINE_ARN": resources.state_machine_arn}
        os.environ.update(self.env)

        chalice = str(pathlib.Path(sys.executable).parent / "chalice")
        api = self._spawn("api", [chalice, "local", "--stage", "local", "--no-autoreload",
                                  "--host", HOST, "--port", str(self.api_port)], self.env, redact_log=True)
        self._spawn("stream-worker", [sys.executable, "-m", "ops.stream_worker"], self.env)
        self.site = StaticSite(self.web_port)
        self.site.start()
        wait_http(f"{self.api_url}/health", 60, api, "chalice local")
        wait_http(self.web_url, 10, None, "website")
        (STATE_DIR / "run.json").write_text(json.dumps({
            "pid": os.getpid(), "children": {name: p.pid for name, p in self.processes.items()},
            "api": self.api_url, "website": self.web_url, "emulator": self.aws_url,
        }))

    def banner(self) -> str:
        link = f"{self.web_url}/#api={self.api_url}&key={self.api_key}"
        return "\n".join([
            "",
            "Order Management System is running (nothing leaves this machine).",
            f"  API        {self.api_url}        (try: curl -H 'x-api-key: {self.api_key}' {self.api_url}/orders)",
            f"  Website    {self.web_url}",
            f"  Open       {link}",
            f"  API key    {self.api_key}",
            f"  Emulator   {self.aws_url}        (moto_server; logs in {STATE_DIR})",
            "Press Ctrl-C to stop.",
            "",
        ])

    # ------------------------------------------------------------ stop

    def stop(self) -> None:
        if self.site is not None:
            self.site.stop()
        for process in reversed(list(self.processes.values())):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.time() + 10
        for process in self.processes.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(max(0.1, deadline - time.time()))
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if self.acquired:
            with contextlib.suppress(FileNotFoundError):
                (STATE_DIR / "run.json").unlink()
        if self.lock_file is not None:
            self.lock_file.close()


def _provision_and_seed(api_key: str):
    import boto3

    from chalicelib.core.settings import get_settings
    from chalicelib.domain import auth
    from ops import demo_data, provision

    resources = provision.provision(boto3.Session(), get_settings())
    demo_data.load()
    auth.register_key(api_key, "local development", ["admin"])
    return resources


def main() -> int:
    stack = LocalStack(
        api_port=int(os.environ.get("OMS_API_PORT", "8000")),
        web_port=int(os.environ.get("OMS_WEB_PORT", "8080")),
        aws_port=int(os.environ.get("OMS_AWS_PORT", "5000")),
        api_key=os.environ.get("OMS_API_KEY") or DEFAULT_API_KEY,
    )
    stopping = threading.Event()

    def request_stop(signum, frame):
        stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        stack.acquire()
        print("Starting the emulator, provisioning, loading demo data...", flush=True)
        stack.start()
        print(stack.banner(), flush=True)
        while not stopping.is_set():
            for name, process in stack.processes.items():
                if process.poll() is not None:
                    print(f"{name} exited unexpectedly (code {process.returncode}); see .oms/{name}.log", file=sys.stderr)
                    stopping.set()
            stopping.wait(0.5)
        return 0
    except StartupError as error:
        print(f"make run: {error}", file=sys.stderr)
        return 1
    finally:
        stack.stop()
        if stack.acquired:
            print("Stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
