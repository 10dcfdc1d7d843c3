"""Webhook subscription handlers (admin scope): endpoints, the secret shown
once, the delivery log, retry, replay and a test event."""
from datetime import datetime

from chalice import Response

from ..contract.webhooks import DELIVERY, DELIVERY_ID, WEBHOOK, WEBHOOK_ID
from ..core.errors import NotFound, Unprocessable
from ..data.models import WebhookEndpoint
from ..domain import webhooks
from .api import Call
from .responses import json_response


# Path segments that cannot name a webhook or a delivery are 404 (never 400).
def _webhook_id(call: Call) -> str:
    value = call.path["webhook_id"]
    if not WEBHOOK_ID.regex.fullmatch(value):
        raise NotFound(f"Webhook {value[:64]} not found")
    return value


def _delivery_id(call: Call) -> str:
    value = call.path["delivery_id"]
    if not DELIVERY_ID.regex.fullmatch(value):
        raise NotFound(f"Delivery {value[:64]} not found")
    return value


def _with_secret(message: str, endpoint: WebhookEndpoint, status: int) -> Response:
    return json_response({"message": message, "webhook": WEBHOOK.render(endpoint), "secret": endpoint.secret}, status,
                         {"Cache-Control": "no-store"})


def create(call: Call) -> Response:
    body = call.body
    endpoint = webhooks.create(body["url"], body.get("events"), body.get("description"))
    return _with_secret("Webhook created: keep the secret, it is not shown again", endpoint, 201)


def list_all(call: Call) -> Response:
    return json_response({"webhooks": [WEBHOOK.render(endpoint) for endpoint in webhooks.list_all()]})


def get(call: Call) -> Response:
    return json_response(WEBHOOK.render(webhooks.get(_webhook_id(call))))


def update(call: Call) -> Response:
    endpoint = webhooks.update(_webhook_id(call), **call.body)
    return json_response({"message": "Webhook updated", "webhook": WEBHOOK.render(endpoint)})


def delete(call: Call) -> Response:
    webhook_id = _webhook_id(call)
    webhooks.delete(webhook_id)
    return json_response({"message": "Webhook deleted", "webhook_id": webhook_id})


def rotate_secret(call: Call) -> Response:
    endpoint = webhooks.rotate_secret(_webhook_id(call))
    return _with_secret("Secret rotated: the previous one also signs for 24 hours", endpoint, 200)


def deliveries(call: Call) -> Response:
    found, token = webhooks.deliveries(_webhook_id(call), call.query.get("limit", 20), call.query.get("next_token"))
    return json_response({"deliveries": [DELIVERY.render(delivery) for delivery in found], "next_token": token})


def retry(call: Call) -> Response:
    delivery = webhooks.retry(_webhook_id(call), _delivery_id(call))
    return json_response({"message": "Delivery queued again", "delivery": DELIVERY.render(delivery)}, 202)


def _utc_time(call: Call, name: str) -> datetime:
    try:
        return datetime.fromisoformat(call.body[name].replace("Z", "+00:00"))
    except ValueError:
        raise Unprocessable(f"{name} is not a valid time", param=name) from None


def replay(call: Call) -> Response:
    since, until = _utc_time(call, "since"), _utc_time(call, "until")
    replayed, truncated = webhooks.replay(_webhook_id(call), since, until)
    return json_response({"message": f"{replayed} deliveries queued again", "replayed": replayed,
                          "truncated": truncated}, 202)


def send_test(call: Call) -> Response:
    delivery = webhooks.send_test(_webhook_id(call))
    return json_response({"message": "Test event queued", "delivery": DELIVERY.render(delivery)}, 202)
