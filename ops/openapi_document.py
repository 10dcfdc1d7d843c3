"""Write the API's OpenAPI document, offline and byte-for-byte reproducible,
for generating clients (`make client`) and for API consumers.

    python -m ops.openapi_document                 # to stdout
    python -m ops.openapi_document --out clients/openapi.json

The app is imported with a fixed stage and fake AWS credentials, set before
anything imports `chalicelib` (settings are read once, at import). Importing
it makes no AWS call: the document depends on the routes and schemas only."""
import argparse
import json
import os
import pathlib
import sys

SERVER_URL = "http://127.0.0.1:8000"
FIXED_ENVIRONMENT = {
    "OMS_STAGE": "local",
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}


def render() -> str:
    """The document as JSON text: sorted keys, indent 2, ASCII (the text
    patterns name lone surrogates, which UTF-8 cannot encode), final newline."""
    for name in [name for name in os.environ if name.startswith("AWS_ENDPOINT_URL")
                 or name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")]:
        del os.environ[name]
    for name in [name for name in os.environ if name.startswith("OMS_")]:
        del os.environ[name]
    os.environ.update(FIXED_ENVIRONMENT)
    import app
    from chalicelib.http import openapi

    document = openapi.document(app.api.routes, SERVER_URL)
    return json.dumps(document, sort_keys=True, indent=2) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.openapi_document", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, help="write here (default: stdout)")
    args = parser.parse_args(argv)
    text = render()
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
