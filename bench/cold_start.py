"""Cold start: fresh processes answering one request, the app against the
floor, both talking to the same instant AWS (bench/aws_stub.py: the
emulator's answers recorded once, then replayed in microseconds), so the
ratio measures the code and not the emulator. Pairs interleaved (which side
goes first alternates) so drift hits both; BENCH_COLD_PAIRS pairs (21).

The floor is the least any implementation must do for that request: import
botocore, build a DynamoDB client and make the very calls the app made (the
recording lists them). Per side: wall (the parent's clock around the whole
process, interpreter start included) and CPU (the child's user + system
time from the kernel), the import part alone, min / median / max; and a warm
request answered in the same process.

Lambda gives a function CPU in proportion to its memory (a full vCPU at
1,769 MB; 1024 MB has about 0.58), so a request's duration on Lambda is its
CPU time here divided by that share (this machine's core taken as a Lambda
vCPU) plus the time waiting for AWS (bench/bill.py's AWS_CALL_MS per call).
The memory size is picked from the measured cost of a cold and a warm request.

SCENARIOS lists the requests measured; one line adds another: its method,
resource, headers and whether it sends the API key. Headers may name what
the setup made ({id_token}: a staff ID token of the emulator's user pool).
The pool's JWKS is read from the emulator itself (the stub answers AWS's
JSON calls only), so the Bearer side's wall time includes that one GET."""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

from bench import bill
from bench.aws_stub import AwsStub
from bench.harness import ROOT
from bench.lambda_event import KEY, proxy_event
from metering import prices
from ops import run_local

PAIRS = int(os.environ.get("BENCH_COLD_PAIRS", "21"))
TARGET = 1.15
MEMORY_SIZES = (256, 512, 1024, 1769)
COLD_BUDGET_MS = 1000  # the slowest first answer we accept (the memory size must allow it)
COLD_SHARE = 0.01  # cold starts per request assumed when the memory size is priced

# name -> (method, resource, extra headers, sends the API key): what the cold start answers.
SCENARIOS = {
    "GET /orders/{id}, API key": ("GET", "/orders/{order_id}", {}, True),
    "GET /orders/{id}, staff Bearer token": ("GET", "/orders/{order_id}", {"authorization": "Bearer {id_token}"}, False),
}

SETUP = f"""
import json
import boto3
from chalicelib.core.settings import get_settings
from chalicelib.domain import auth, orders
from chalicelib.model.commands import CreateOrder, OrderItem
from chalicelib.model.actor import Actor
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
print(json.dumps({{"order_id": order.order_id, "pool_id": pool_id, "client_id": client_id, "id_token": token}}))
"""


def _fresh(kind: str, env: dict) -> dict:
    """One fresh process: its JSON line, plus the wall time and CPU the kernel counted."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "bench.fresh_process", kind], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = child.communicate()
    wall = (time.perf_counter() - started) * 1000
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # cumulative: the caller takes differences
    if child.returncode:
        raise RuntimeError(f"{kind}: {err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    assert result["status"] == 200, (kind, result, err[-2000:])
    return {**result, "wall_ms": wall, "_usage": usage}


class _Cpu:
    """Children's CPU time, one process at a time (getrusage counts every waited-for child)."""

    def __init__(self):
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.last = usage.ru_utime + usage.ru_stime

    def take(self, usage) -> float:
        total = usage.ru_utime + usage.ru_stime
        spent, self.last = (total - self.last) * 1000, total
        return spent


def _spread(values) -> dict:
    return {"min": round(min(values), 1), "median": round(statistics.median(values), 1), "max": round(max(values), 1)}


def _scenario(report, name: str, method: str, resource_path: str, headers: dict, with_key: bool, env: dict,
              emulator_url: str, made: dict) -> dict:
    order_id = made["order_id"]
    event = proxy_event(method, resource_path, {"order_id": order_id} if "{order_id}" in resource_path else None,
                        headers={name: value.format(**made) for name, value in headers.items()},
                        key=KEY if with_key else None)
    stub = AwsStub(upstream=emulator_url)
    try:
        side_env = {**env, "AWS_ENDPOINT_URL": stub.url, "BENCH_EVENT": json.dumps(event)}
        _fresh("app", side_env)  # recorded: every call the app makes, cold and warm
        stub.replay()
        side_env["BENCH_CALLS"] = json.dumps(stub.requests)
        cpu = _Cpu()
        runs = {"app": [], "floor": []}
        for pair in range(PAIRS):
            for kind in (("app", "floor") if pair % 2 == 0 else ("floor", "app")):
                result = _fresh(kind, side_env)
                result["cpu_ms"] = cpu.take(result.pop("_usage"))
                runs[kind].append(result)
            report.progress(f"{name}: pair {pair + 1}/{PAIRS}: app {runs['app'][-1]['wall_ms']:.0f} ms, "
                            f"floor {runs['floor'][-1]['wall_ms']:.0f} ms")
    finally:
        stub.close()
    summary = {kind: {measure: _spread([r[measure] for r in results])
                      for measure in ("wall_ms", "cpu_ms", "import_ms", "cold_ms", "warm_ms", "warm_cpu_ms")}
               for kind, results in runs.items()}
    ratios = {measure: summary["app"][measure]["median"] / summary["floor"][measure]["median"]
              for measure in ("wall_ms", "cpu_ms", "import_ms")}
    calls = [target.split(".", 1)[1] for target, _ in stub.requests]
    report.figure(f"{name}: app / floor, wall (median of {PAIRS} pairs)", round(ratios["wall_ms"], 2), "x",
                  f"<= {TARGET}", ratios["wall_ms"] <= TARGET,
                  note=f"app {_text(summary['app']['wall_ms'])}, floor {_text(summary['floor']['wall_ms'])} ms")
    report.figure(f"{name}: app / floor, CPU", round(ratios["cpu_ms"], 2), "x", f"<= {TARGET}", ratios["cpu_ms"] <= TARGET,
                  note=f"app {_text(summary['app']['cpu_ms'])}, floor {_text(summary['floor']['cpu_ms'])} ms")
    report.figure(f"{name}: app / floor, imports alone", round(ratios["import_ms"], 2), "x",
                  note=f"app {_text(summary['app']['import_ms'])}, floor {_text(summary['floor']['import_ms'])} ms")
    report.figure(f"{name}: warm request, app", summary["app"]["warm_ms"]["median"], "ms",
                  note=f"floor {summary['floor']['warm_ms']['median']} ms; AWS calls recorded: {', '.join(calls)}")
    return {"pairs": PAIRS, "calls": calls, "summary": summary, "ratios": {k: round(v, 3) for k, v in ratios.items()},
            "runs": runs}


def _text(spread: dict) -> str:
    return f"{spread['min']:.0f}/{spread['median']:.0f}/{spread['max']:.0f} (min/median/max)"


def memory_choice(report, scenario: dict) -> dict:
    """Dollars per million requests at each memory size, from the measured CPU
    of a cold and a warm request and the AWS calls they wait for."""
    app = scenario["summary"]["app"]
    cold_cpu, warm_cpu = app["cpu_ms"]["median"], app["warm_cpu_ms"]["median"]
    calls = len(scenario["calls"])
    table = {}
    for memory in MEMORY_SIZES:
        share = bill.cpu_share(memory)
        cold_ms = cold_cpu / share + calls * bill.AWS_CALL_MS
        warm_ms = warm_cpu / share + calls * bill.AWS_CALL_MS
        def usd(ms, memory=memory):
            return ms / 1000 * memory / 1024 * prices.LAMBDA_GB_SECOND * 1e6
        table[memory] = {"cold_ms": round(cold_ms), "warm_ms": round(warm_ms, 1), "usd_cold_per_million": round(usd(cold_ms), 2),
                         "usd_warm_per_million": round(usd(warm_ms), 2),
                         "usd_per_million_requests": round(COLD_SHARE * usd(cold_ms) + (1 - COLD_SHARE) * usd(warm_ms), 3)}
    fitting = [m for m in MEMORY_SIZES if table[m]["cold_ms"] <= COLD_BUDGET_MS] or [MEMORY_SIZES[-1]]
    chosen = min(fitting, key=lambda m: table[m]["usd_per_million_requests"])
    configured = bill.memory_mb()
    for memory, row in table.items():
        report.figure(f"{memory} MB: cold / warm request on Lambda", f"{row['cold_ms']} / {row['warm_ms']}", "ms",
                      note=f"${row['usd_per_million_requests']} per million requests ({COLD_SHARE:.0%} cold)")
    report.figure("memory size, cheapest with a cold start <= 1 s", chosen, "MB", f"configured: {configured}",
                  chosen == configured)
    return {"table": table, "chosen_mb": chosen, "configured_mb": configured, "cold_budget_ms": COLD_BUDGET_MS}


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
        made = json.loads(setup.stdout.strip().splitlines()[-1])
        env.update(OMS_USER_POOL_ID=made["pool_id"], OMS_USER_POOL_CLIENT_ID=made["client_id"],
                   OMS_USER_POOL_JWKS_URL=f"{endpoint}/{made['pool_id']}/.well-known/jwks.json")
        details = {name: _scenario(report, name, method, path, headers, with_key, env, endpoint, made)
                   for name, (method, path, headers, with_key) in SCENARIOS.items()}
    finally:
        emulator.terminate()
        emulator.wait(10)
    details["memory"] = memory_choice(report, details[next(iter(SCENARIOS))])
    return details
