"""Chalice's own dev loop beside `make run`, over HTTP, in a copy of the
project (the test edits its code):

* `make run` serves the API with autoreload: an edit of `chalicelib/` is
  served within seconds and the data survives;
* `chalice local --stage local`, started in a second terminal with no extra
  environment, serves the API against `make run`'s emulator, workflow included
  (the local stage's config carries the emulator's address, fake
  credentials and the local state machine's ARN);
* when a child dies, the runner stops everything, exits non-zero and names
  that child's log in the state directory it was given."""
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time

import pytest
import requests

from ops import run_local
from tests.support import ROOT, alive

pytestmark = pytest.mark.e2e
KEY = "dev-loop-key"
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "test-artifacts", ".hypothesis", ".pytest_cache", ".schemathesis",
                              ".ruff_cache", "__pycache__", ".oms", "node_modules", "tests", "bench", "clients", "docs")
# Appended to chalicelib/__init__.py: every response says the edited code served it.
EDIT = '''
import chalice.app as _chalice_app

_to_dict = _chalice_app.Response.to_dict


def _edited(self, binary_types=None):
    self.headers["X-Dev-Loop"] = "edited"
    return _to_dict(self, binary_types)


_chalice_app.Response.to_dict = _edited
'''


def wait_for(check, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            result = check()
            if result:
                return result
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} within {timeout} s")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    copy = tmp_path_factory.mktemp("dev-loop") / "project"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    return copy


@pytest.fixture(scope="module")
def stack(project, tmp_path_factory):
    """`make run` in the copy; on the emulator's default port when it is free,
    so a plain `chalice local --stage local` finds it as a user's would."""
    state = tmp_path_factory.mktemp("dev-loop-state")
    ports = run_local.free_ports()
    if run_local._port_free(5000):
        ports["OMS_AWS_PORT"] = 5000
    log = open(state / "runner.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "ops.run_local"], cwd=project,
                               env=run_local.background_environment(state, KEY, ports, {"OMS_AUTORELOAD": "1"}),
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: (state / "run.json").exists() or process.poll() is not None, 120, "make run started")
        assert process.poll() is None, (state / "runner.log").read_text()
        yield {"process": process, "state": state, "ports": ports, "api": f"http://127.0.0.1:{ports['OMS_API_PORT']}",
               "aws": f"http://127.0.0.1:{ports['OMS_AWS_PORT']}"}
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(30)


def test_an_edit_is_served_within_seconds_and_the_data_survives(stack, project):
    api, headers = stack["api"], {"x-api-key": KEY}
    created = requests.post(f"{api}/orders", headers=headers, timeout=30, json={
        "customer_id": "CUST001", "items": [{"product_id": "PROD002", "quantity": 1}]})
    assert created.status_code == 201
    order_id = created.json()["order_id"]
    assert "X-Dev-Loop" not in requests.get(f"{api}/health", timeout=10).headers

    with open(project / "chalicelib" / "__init__.py", "a") as module:
        module.write(EDIT)
    edited = time.time()
    wait_for(lambda: requests.get(f"{api}/health", timeout=5).headers.get("X-Dev-Loop") == "edited", 30,
             "the edit was served")
    reload_seconds = time.time() - edited
    assert reload_seconds < 15, reload_seconds
    again = requests.get(f"{api}/orders/{order_id}", headers=headers, timeout=10)
    assert again.status_code == 200 and again.headers["X-Dev-Loop"] == "edited"
    assert again.json()["order_id"] == order_id  # the emulator kept the data
    assert "Reloading the API (chalicelib/__init__.py changed)" in (stack["state"] / "runner.log").read_text()


def test_plain_chalice_local_serves_beside_make_run_with_the_workflow(stack, project, tmp_path):
    port = run_local.free_port()
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    if stack["ports"]["OMS_AWS_PORT"] != 5000:
        # Port 5000 was taken here: the documented override for another emulator port.
        env.update({f"AWS_ENDPOINT_URL_{service}": stack["aws"] for service in ("DYNAMODB", "SFN", "S3")})
    chalice = str(pathlib.Path(sys.executable).parent / "chalice")
    log = open(tmp_path / "chalice-local.log", "w")
    server = subprocess.Popen([chalice, "local", "--stage", "local", "--port", str(port)], cwd=project, env=env,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url, headers = f"http://127.0.0.1:{port}", {"x-api-key": KEY}
    try:
        wait_for(lambda: requests.get(f"{url}/health", timeout=5).status_code == 200, 60, "chalice local answered")
        created = requests.post(f"{url}/orders", headers=headers, timeout=30, json={
            "customer_id": "CUST002", "items": [{"product_id": "PROD002", "quantity": 1}]})
        assert created.status_code == 201, created.text
        assert created.json()["workflow"]["started"] is True
        order_id = created.json()["order_id"]
        wait_for(lambda: requests.get(f"{url}/orders/{order_id}", headers=headers, timeout=5).json()["status"]
                 == "processing", 30, "the workflow processed the order")
        # The same data through make run's API.
        assert requests.get(f"{stack['api']}/orders/{order_id}", headers=headers, timeout=10).status_code == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(15)


def test_a_dead_child_stops_the_runner_with_its_log_named(stack):
    """Last in this module: it ends the stack."""
    import json

    process, state = stack["process"], stack["state"]
    children = json.loads((state / "run.json").read_text())["children"]
    os.kill(children["stream-worker"], signal.SIGKILL)
    assert process.wait(30) != 0
    output = (state / "runner.log").read_text()
    assert f"stream-worker exited unexpectedly (code -9); see {state / 'stream-worker.log'}" in output
    assert not [pid for pid in children.values() if alive(pid)]
