"""The Chalice app: blueprints, the request middleware, nothing else.

Routes live in `chalicelib/routes/`, rules in `chalicelib/`. Errors are mapped
to responses by `chalicelib.web.error_response`."""
import logging
import time

from chalice import Chalice

from chalicelib import dynamo
from chalicelib.logs import configure as configure_logs
from chalicelib.logs import request_id
from chalicelib.routes import catalog, orders, system
from chalicelib.settings import get_settings
from chalicelib.web import json_response, request_id_of



configure_logs(get_settings().log_level)
dynamo.get_connection()  # every model on one DynamoDB client (built on first use)
app = Chalice(app_name="oms")
app.register_blueprint(system.api)
app.register_blueprint(orders.api)
app.register_blueprint(catalog.api)
access_log = logging.getLogger("oms.access")


@app.middleware("http")
def access_log_and_error_shape(request, get_response):
    started = time.perf_counter()
    token = request_id.set(request_id_of(request))
    try:
        return _handle(request, get_response, started)
    finally:
        request_id.reset(token)


def _handle(request, get_response, started):
    response = get_response(request)
    body = response.body
    # Chalice answers some requests itself (405, 415, ...) as {"Code", "Message"}.
    if isinstance(body, dict) and "Code" in body and "Message" in body:
        response = json_response({"message": body["Message"]}, response.status_code, {
            key: value for key, value in response.headers.items() if key.lower() != "content-type"})
    context = request.context or {}
    access_log.info("request", extra={
        "method": request.method,
        "route": context.get("resourcePath"),
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
        "key_id": context.get("oms_key_id"),
    })
    return response


def _register_stream_handler(kind: str, stream_arn: str):
    """One small function per table stream, all running `streams.handle`."""
    def handler(event):
        from chalicelib import streams

        streams.handle(kind, event.to_dict()["Records"])

    handler.__name__ = f"backup_{kind}"
    return app.on_dynamodb_record(stream_arn=stream_arn, name=f"backup_{kind}", batch_size=100,
                                  starting_position="TRIM_HORIZON", maximum_batching_window_in_seconds=5)(handler)


for _kind, _stream_arn in get_settings().stream_arns.items():
    if _stream_arn:
        _register_stream_handler(_kind, _stream_arn)
