"""The local AWS emulator: moto_server, with each request handled atomically.

moto's backends are not thread-safe (a DynamoDB transaction deep-copies
tables other request threads are changing), while real AWS services execute
every request atomically. Serialising requests makes the emulator behave like
the services it stands for; our own code stays exactly as concurrent as it
is (its races are between requests). Step Functions executions still run in
their own threads and reach the emulator over HTTP like any client.

    python -m ops.emulator --host 127.0.0.1 --port 5000
"""
import argparse
import os
import threading

from werkzeug.serving import run_simple


def serialized(app):
    lock = threading.RLock()

    def application(environ, start_response):
        with lock:
            # Consume the body inside the lock: moto builds it lazily.
            return list(app(environ, start_response))

    return application


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ops.emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)
    # moto's Step Functions interpreter calls back to this port.
    os.environ["MOTO_PORT"] = str(args.port)
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app

    run_simple(args.host, args.port, serialized(DomainDispatcherApplication(create_backend_app)),
               threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
