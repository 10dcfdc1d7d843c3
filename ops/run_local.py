"""`make run`: the whole system on this machine, nothing leaves it.

Starts, bound to 127.0.0.1: moto_server (the AWS emulator, with real Step
Functions execution switched on before anything is created), provisions every
resource from the definitions the deployed stateful stack is generated from,
loads demo data and an API key, starts `chalice local` and a static server for `frontend/`, the
stream worker that plays Lambda's DynamoDB-stream trigger and the webhook
worker that plays the webhook queue's (deliveries are real HTTP requests). Prints the URLs
and the key, then runs in the foreground; Ctrl-C or SIGTERM stops every
process it started (children also die if this process is killed). If one of
them dies, it stops the rest and exits 1, naming that child's log.

The API is `chalice local --stage local`, reloaded when its code changes:
an edit of app.py, chalicelib/ or .chalice/ is served within seconds and the
data survives (the emulator keeps running). This runner watches those files
itself (OMS_AUTORELOAD=0 turns it off): Chalice's own reloader polls every
file of the project each second (the venv included) and restarts on any
change, logs and test artifacts too. For a `chalice local` started by hand
beside it (whose reloader is on by default), the logs live outside the
project: `.oms` is a link to a folder under ~/.local/state.

Ports: OMS_API_PORT (8000), OMS_WEB_PORT (8080), OMS_AWS_PORT (5000).
Key: OMS_API_KEY, else the documented default below. Logs: OMS_STATE_DIR."""
import compileall
import contextlib
import ctypes
import fcntl
import functools
import hashlib
import http.server
import json
import os
import pathlib
import shutil
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
from ops.site_headers import site_config

ROOT = pathlib.Path(__file__).resolve().parent.parent
STATE_DIR = pathlib.Path(os.environ.get("OMS_STATE_DIR") or ROOT / ".oms")
DEFAULT_STATE_LINK = ROOT / ".oms"
DEFAULT_API_KEY = "oms-local-dev-key"
# The demo manager `make run` creates in the emulator's user pool (printed in the banner).
DEMO_MANAGER = {"email": "manager@example.com", "name": "Demo Manager", "password": "Local-manager-2026"}
HOST = "127.0.0.1"
ACCOUNT = "123456789012"  # moto's account
REGION = "us-east-1"
EMULATOR_TIMEOUT_SECONDS = 10
RELOAD_POLL_SECONDS = 0.5


class StartupError(Exception):
    pass


def _die_with_parent(death_signal: int = signal.SIGTERM) -> None:
    """Runs in each child before exec: signal it if this runner dies, even by SIGKILL."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, death_signal)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _state_outside_the_project() -> None:
    """`.oms` as a link to ~/.local/state/oms/<checkout>: Chalice's reloader
    walks every file under the project (links to folders excepted), and the
    logs change all the time. An older checkout's `.oms` folder is replaced."""
    if STATE_DIR != DEFAULT_STATE_LINK:
        return
    home = pathlib.Path(os.environ.get("XDG_STATE_HOME") or pathlib.Path.home() / ".local" / "state")
    target = home / "oms" / hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    target.mkdir(parents=True, exist_ok=True)
    if DEFAULT_STATE_LINK.is_symlink():
        if DEFAULT_STATE_LINK.resolve() == target.resolve():
            return
        DEFAULT_STATE_LINK.unlink()
    elif DEFAULT_STATE_LINK.is_dir():
        with open(DEFAULT_STATE_LINK / "run.lock", "a+") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StartupError("make run is already running (an older version); stop it with Ctrl-C first") from None
        shutil.rmtree(DEFAULT_STATE_LINK)
    DEFAULT_STATE_LINK.symlink_to(target, target_is_directory=True)


def _port_free(port: int) -> bool:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


class CodeWatcher:
    """What the API serves: app.py, chalicelib/ and the Chalice config. Cheap
    to poll (a few dozen files)."""

    def __init__(self, root: pathlib.Path):
        self.root = root
        self.seen = self._snapshot()

    def _snapshot(self) -> Dict[str, tuple]:
        paths = [self.root / "app.py", *sorted((self.root / "chalicelib").rglob("*.py")),
                 *sorted((self.root / ".chalice").glob("*.json"))]
        snapshot = {}
        for path in paths:
            with contextlib.suppress(OSError):
                stat = path.stat()
                snapshot[str(path.relative_to(self.root))] = (stat.st_mtime_ns, stat.st_size)
        return snapshot

    def changed(self) -> List[str]:
        now = self._snapshot()
        changed = sorted(name for name in set(now) | set(self.seen) if now.get(name) != self.seen.get(name))
        self.seen = now
        return changed


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
    # No reloads: tests and load runs want the code they started with.
    env.update({"OMS_STATE_DIR": str(state_dir), "OMS_API_KEY": api_key, "OMS_AUTORELOAD": "0"})
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
    """The website, served from `frontend/` in a thread of this process, with
    the `config.json` a deploy uploads (the API's address, never a key), so
    the page's request for it is answered here too."""

    def __init__(self, port: int, api_url: str, sign_in: Optional[dict] = None):
        config = site_config(api_url, sign_in)
        handler = functools.partial(_QuietHandler, config, directory=str(ROOT / "frontend"))
        self.server = http.server.ThreadingHTTPServer((HOST, port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="website")

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `frontend/` uncached, with the site's security headers (ops.site_headers)."""

    def __init__(self, config: bytes, *args, **kwargs):
        self.config = config
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.split("?")[0] != "/config.json":
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.config)))
        self.end_headers()
        self.wfile.write(self.config)
        return None

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
        self.sign_in: Optional[dict] = None

    # ------------------------------------------------------------ checks

    def acquire(self) -> None:
        _state_outside_the_project()
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

    def _spawn(self, name: str, command: List[str], env: Dict[str, str], redact_log: bool = False,
               mode: str = "w") -> subprocess.Popen:
        log = open(STATE_DIR / f"{name}.log", mode)
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
        # Every module compiled now, so importing one on first use writes no
        # file: a `chalice local` started beside this one (its reloader watches
        # every file of the project) does not restart on its own imports.
        compileall.compile_dir(str(ROOT / "chalicelib"), quiet=1)
        compileall.compile_file(str(ROOT / "app.py"), quiet=1)
        resources = _provision_and_seed(self.api_key)
        pool_id, client_id = _staff_pool()
        self.sign_in = {"endpoint": self.aws_url, "clientId": client_id}
        self.env = {**base_env, "OMS_STATE_MACHINE_ARN": resources.state_machine_arn,
                    "OMS_WEBHOOK_QUEUE_URL": resources.webhook_queue_url, "OMS_USER_POOL_ID": pool_id,
                    "OMS_USER_POOL_CLIENT_ID": client_id,
                    "OMS_USER_POOL_JWKS_URL": f"{self.aws_url}/{pool_id}/.well-known/jwks.json"}
        os.environ.update(self.env)

        api = self.start_api()
        self._spawn("stream-worker", [sys.executable, "-m", "ops.stream_worker"], self.env)
        self._spawn("webhook-worker", [sys.executable, "-m", "ops.webhook_worker"], self.env)
        self.site = StaticSite(self.web_port, self.api_url, self.sign_in)
        self.site.start()
        wait_http(f"{self.api_url}/health", 60, api, "chalice local")
        wait_http(self.web_url, 10, None, "website")
        (STATE_DIR / "run.json").write_text(json.dumps({
            "pid": os.getpid(), "children": {name: p.pid for name, p in self.processes.items()},
            "api": self.api_url, "website": self.web_url, "emulator": self.aws_url,
            "user_pool_id": self.env["OMS_USER_POOL_ID"], "user_pool_client_id": self.env["OMS_USER_POOL_CLIENT_ID"],
        }))

    def start_api(self, mode: str = "w") -> subprocess.Popen:
        chalice = str(pathlib.Path(sys.executable).parent / "chalice")
        # The local stage's config (.chalice/config.json) points at the emulator's
        # default port and wins over this environment; the per-service endpoints
        # win over it, so the API follows OMS_AWS_PORT.
        api_env = {**self.env, "AWS_ENDPOINT_URL_DYNAMODB": self.aws_url, "AWS_ENDPOINT_URL_SFN": self.aws_url,
                   "AWS_ENDPOINT_URL_S3": self.aws_url, "AWS_ENDPOINT_URL_SQS": self.aws_url,
                   "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": self.aws_url}
        return self._spawn("api", [chalice, "local", "--stage", "local", "--no-autoreload", "--host", HOST,
                                   "--port", str(self.api_port)], api_env, redact_log=True, mode=mode)

    def reload_api(self, changed: List[str]) -> None:
        """Restart the API on the new code; the emulator and its data stay."""
        print(f"Reloading the API ({', '.join(changed[:3])}{' ...' if len(changed) > 3 else ''} changed)", flush=True)
        self._stop_process(self.processes["api"])
        api = self.start_api(mode="a")
        try:
            wait_http(f"{self.api_url}/health", 60, api, "chalice local")
            print("API reloaded.", flush=True)
        except StartupError:
            print(f"The API did not start on the new code: see {STATE_DIR / 'api.log'}; "
                  "it starts again on the next change.", file=sys.stderr, flush=True)

    @staticmethod
    def _stop_process(process: subprocess.Popen) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def banner(self) -> str:
        return "\n".join([
            "",
            "Order Management System is running (nothing leaves this machine).",
            f"  API        {self.api_url}        (try: curl -H 'x-api-key: {self.api_key}' {self.api_url}/orders)",
            f"  Open       {self.web_url}   (the console's sign-in page)",
            f"  Sign in    {DEMO_MANAGER['email']} / {DEMO_MANAGER['password']}   (a manager; invite others on Staff)",
            f"  API key    {self.api_key}   (machines; the console's \"developer connection\" takes it too)",
            f"  Emulator   {self.aws_url}        (moto_server; logs in {STATE_DIR})",
            "  Webhooks   delivered for real; WEBHOOK_SECRET=whsec_... make webhook-receiver prints verified events",
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


def _staff_pool():
    """The staff user pool in the emulator, with the demo manager."""
    import boto3

    from chalicelib.core.settings import get_settings
    from ops import staff_pool

    cognito = boto3.client("cognito-idp")
    pool_id, client_id = staff_pool.provision(cognito, get_settings().resource_prefix)
    staff_pool.add_person(cognito, pool_id, DEMO_MANAGER["email"], DEMO_MANAGER["name"], "manager",
                          password=DEMO_MANAGER["password"])
    return pool_id, client_id


def main() -> int:
    stack = LocalStack(
        api_port=int(os.environ.get("OMS_API_PORT", "8000")),
        web_port=int(os.environ.get("OMS_WEB_PORT", "8080")),
        aws_port=int(os.environ.get("OMS_AWS_PORT", "5000")),
        api_key=os.environ.get("OMS_API_KEY") or DEFAULT_API_KEY,
    )
    stopping = threading.Event()
    failed = []
    autoreload = os.environ.get("OMS_AUTORELOAD", "1") != "0"

    def request_stop(signum, frame):
        stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        stack.acquire()
        print("Starting the emulator, provisioning, loading demo data...", flush=True)
        stack.start()
        print(stack.banner(), flush=True)
        watcher = CodeWatcher(ROOT) if autoreload else None
        reloaded = False
        while not stopping.is_set():
            changed = watcher.changed() if watcher else []
            if changed:
                stack.reload_api(changed)
                reloaded = True
            for name, process in stack.processes.items():
                if name == "api" and reloaded and process.poll() is not None:
                    continue  # broken by an edit: the next change starts it again
                if process.poll() is not None:
                    print(f"make run: {name} exited unexpectedly (code {process.returncode}); "
                          f"see {STATE_DIR / (name + '.log')}", file=sys.stderr, flush=True)
                    failed.append(name)
                    stopping.set()
                    break
            stopping.wait(RELOAD_POLL_SECONDS)
        return 1 if failed else 0
    except StartupError as error:
        print(f"make run: {error}", file=sys.stderr)
        return 1
    finally:
        stack.stop()
        if stack.acquired:
            print("Stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
