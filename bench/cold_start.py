"""Cold start: fresh processes answering one GET /orders/{id} against the
emulator (its own process, as DynamoDB is), interleaved with the floor so
drift hits both; medians of BENCH_COLD_RUNS (default 11). The same request
signed in as staff (a Bearer ID token of the emulator's user pool) is timed
beside it: what its first request adds (the JWT library, the pool's keys).

The floor is what any implementation must do for that request: create a
botocore session and a DynamoDB client, read the API key and the order (two
GetItems). The older comparison (import boto3, one GetItem) is kept beside it."""
import json
import os
import statistics
import subprocess
import sys

from bench.harness import ROOT
from bench.lambda_event import KEY, proxy_event
from ops import run_local

RUNS = int(os.environ.get("BENCH_COLD_RUNS", "11"))
TARGET = 1.15

SETUP = f"""
import json
import boto3
from chalicelib.core.settings import get_settings
from chalicelib.domain import auth, orders
from chalicelib.model.actor import Actor
from chalicelib.model.commands import CreateOrder, OrderItem
from ops import demo_data, provision, staff_pool
provision.provision(boto3.Session(), get_settings(), with_streams=False)
demo_data.load()
auth.register_key({KEY!r}, "bench", ["admin"])
order, _ = orders.create_order(CreateOrder([OrderItem("PROD002", 1)], customer_id="CUST001"), Actor.system("bench"),
                               "bench-setup")
cognito = boto3.client("cognito-idp")
pool_id, client_id = staff_pool.provision(cognito, "coldbench")
staff_pool.add_person(cognito, pool_id, "bench@example.com", "Bench Manager", "manager", password="Bench-password-1")
token = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={{
    "USERNAME": "bench@example.com", "PASSWORD": "Bench-password-1"}})["AuthenticationResult"]["IdToken"]
print(json.dumps([order.order_id, auth.hash_key({KEY!r}), get_settings().orders_table, get_settings().api_keys_table,
                  pool_id, client_id, token]))
"""


def measure(report) -> dict:
    port = run_local.free_port()
    emulator = subprocess.Popen([sys.executable, "-m", "ops.emulator", "--port", str(port)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{port}"
        run_local.wait_http(f"{endpoint}/moto-api/", 30, emulator, "emulator")
        env = {**os.environ, "AWS_ENDPOINT_URL": endpoint, "OMS_STAGE": "coldbench"}
        setup = subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, capture_output=True, text=True)
        if setup.returncode:
            raise RuntimeError(setup.stderr)
        order_id, key_hash, orders_table, keys_table, pool_id, client_id, token = json.loads(
            setup.stdout.strip().splitlines()[-1])
        signed_in = proxy_event("GET", "/orders/{order_id}", {"order_id": order_id}, key=None,
                                headers={"authorization": f"Bearer {token}"})
        env.update(BENCH_EVENT=json.dumps(proxy_event("GET", "/orders/{order_id}", {"order_id": order_id})),
                   BENCH_BEARER_EVENT=json.dumps(signed_in), OMS_USER_POOL_ID=pool_id, OMS_USER_POOL_CLIENT_ID=client_id,
                   OMS_USER_POOL_JWKS_URL=f"{endpoint}/{pool_id}/.well-known/jwks.json",
                   BENCH_ORDER_ID=order_id, BENCH_TABLE=orders_table, BENCH_KEYS_TABLE=keys_table, BENCH_KEY_HASH=key_hash)
        runs = {"floor": [], "app": [], "boto3": [], "bearer": []}
        for run in range(RUNS):
            for kind in runs:
                out = subprocess.run([sys.executable, "-m", "bench.fresh_process", kind], cwd=ROOT, env=env,
                                     capture_output=True, text=True, check=True)
                result = json.loads(out.stdout.strip().splitlines()[-1])
                assert result["status"] == 200, (kind, result)
                runs[kind].append(result["ms"])
            report.progress(f"run {run + 1}/{RUNS}: app {runs['app'][-1]:.0f} ms, floor {runs['floor'][-1]:.0f} ms")
    finally:
        emulator.terminate()
        emulator.wait(10)
    medians = {kind: statistics.median(values) for kind, values in runs.items()}
    ratio = medians["app"] / medians["floor"]
    report.figure("app, median", round(medians["app"]), "ms")
    report.figure("floor: botocore session + client + 2 GetItems", round(medians["floor"]), "ms")
    report.figure("app / floor", round(ratio, 2), "x", f"<= {TARGET}", ratio <= TARGET)
    report.figure("app / (import boto3 + 1 GetItem)", round(medians["app"] / medians["boto3"], 2), "x",
                  note=f"the older comparison, {round(medians['boto3'])} ms")
    report.figure("signed in as staff (Bearer), median", round(medians["bearer"]), "ms",
                  note=f"+{round(medians['bearer'] - medians['app'])} ms over an API key: PyJWT, cryptography, the pool's "
                       "JWKS and the last sign-in, once per cold start")
    return {"runs": RUNS, "median_ms": {k: round(v, 1) for k, v in medians.items()}, "all_ms": runs}
