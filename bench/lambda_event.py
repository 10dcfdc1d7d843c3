"""What Lambda hands the API function: an API Gateway REST proxy event and a
context; `call_app` invokes the app's entry point with them."""
import json
import uuid

KEY = "bench-admin-key"


class LambdaContext:
    aws_request_id = "bench"
    function_name = "oms-bench-APIHandler"
    memory_limit_in_mb = 1024

    @staticmethod
    def get_remaining_time_in_millis():
        return 25000


def proxy_event(method, resource, path_params=None, query=None, body=None, headers=None, key=KEY):
    path = resource
    for name, value in (path_params or {}).items():
        path = path.replace("{" + name + "}", value)
    all_headers = {**({"x-api-key": key} if key else {}), "content-type": "application/json", **(headers or {})}
    return {
        "resource": resource, "path": path, "httpMethod": method,
        "headers": all_headers, "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
        "queryStringParameters": query, "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()} or None,
        "pathParameters": path_params, "stageVariables": None,
        "requestContext": {"resourcePath": resource, "httpMethod": method, "path": f"/api{path}", "stage": "api",
                           "requestId": str(uuid.uuid4()), "identity": {"sourceIp": "127.0.0.1"}},
        "body": json.dumps(body) if body is not None else None, "isBase64Encoded": False,
    }


def call_app(event):
    from app import app

    response = app(event, LambdaContext())
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else None
