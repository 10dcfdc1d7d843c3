"""One cold start, run in a fresh process by bench/cold_start.py.

    python -m bench.fresh_process app     import the Lambda entry module, answer BENCH_EVENT twice
    python -m bench.fresh_process floor   the least any implementation must do: import botocore, build the
                                          clients (DynamoDB, Cognito), make the calls the app made (BENCH_CALLS), twice

Prints {"import_ms", "cold_ms", "warm_ms", "warm_cpu_ms", "status"}: the
clock starts before any import; cold is import plus the first answer, warm
the second answer alone."""
import time

STARTED = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402


def _app():
    import app
    from bench.lambda_event import LambdaContext

    imported = time.perf_counter()
    event = json.loads(os.environ["BENCH_EVENT"])
    return imported, lambda: app.app(event, LambdaContext())["statusCode"]


# X-Amz-Target's prefix -> the service whose client makes that call.
SERVICES = {"DynamoDB_20120810": "dynamodb", "AWSCognitoIdentityProviderService": "cognito-idp"}


def _floor():
    import botocore.session
    from botocore import xform_name

    imported = time.perf_counter()
    calls = json.loads(os.environ["BENCH_CALLS"])
    session = botocore.session.get_session()
    clients = {prefix: session.create_client(service) for prefix, service in SERVICES.items()
               if any(target.startswith(prefix + ".") for target, _ in calls)}

    def answer():
        for target, params in calls:
            prefix, operation = target.split(".", 1)
            getattr(clients[prefix], xform_name(operation))(**params)
        return 200
    return imported, answer


def main(kind: str) -> None:
    imported, answer = {"app": _app, "floor": _floor}[kind]()
    status = answer()
    cold = time.perf_counter()
    cpu = time.process_time()
    warm_status = answer()
    print(json.dumps({"import_ms": (imported - STARTED) * 1000, "cold_ms": (cold - STARTED) * 1000,
                      "warm_ms": (time.perf_counter() - cold) * 1000, "warm_cpu_ms": (time.process_time() - cpu) * 1000,
                      "status": status if status == warm_status else warm_status}))


if __name__ == "__main__":
    main(sys.argv[1])
