"""The deployment package (`make package`): small, reproducible, portable,
and runnable on its own.

* the zip is at most 3 MB and holds only the botocore data the code uses;
* built twice from the same lock and sources, it holds the same files, byte
  for byte (so a deploy changes the functions only when the code or the lock does);
* every module is precompiled for the runtime's Python, and each `.pyc` is
  the compilation of the very source beside it;
* unpacked into an empty folder, with nothing else on sys.path (no
  site-packages, no venv), it imports and serves requests against an emulator;
* the template names no account, region or emulator, pins the runtime, keeps
  timeouts under API Gateway's 29 s, sets log retention, gives each function
  its own role, serves the website over HTTPS through CloudFront.
"""
import importlib.util
import json
import pathlib
import subprocess
import sys
import zipfile

import boto3
import pytest

from ops import package, run_local
from ops.site_headers import SECURITY_HEADERS
from tests.support import ROOT

# Builds the package (pip, chalice package, cfn-lint) in subprocesses.
pytestmark = pytest.mark.slow

LAMBDA_EVENT = """
import json, sys
sys.path.insert(0, sys.argv[1])
import app

class Context:
    function_name, aws_request_id = "api_handler", "test-request"

def call(method, path, key=None, stage="dev"):
    headers = {"host": "abc.execute-api.us-east-1.amazonaws.com", "x-forwarded-proto": "https"}
    if key:
        headers["x-api-key"] = key
    event = {"resource": path, "path": path, "httpMethod": method, "headers": headers, "multiValueHeaders": {},
             "queryStringParameters": None, "multiValueQueryStringParameters": None, "pathParameters": None,
             "stageVariables": None, "body": None, "isBase64Encoded": False,
             "requestContext": {"resourcePath": path, "httpMethod": method, "path": f"/{stage}{path}", "stage": stage,
                                "requestId": "r-1", "identity": {"sourceIp": "127.0.0.1"}}}
    if path.startswith("/products/"):
        event["resource"] = event["requestContext"]["resourcePath"] = "/products/{product_id}"
        event["pathParameters"] = {"product_id": path.rsplit("/", 1)[1]}
    return app.app(event, Context())

answers = {"health": call("GET", "/health"), "product": call("GET", "/products/PROD001", key=sys.argv[2]),
           "openapi": call("GET", "/openapi.json")}
print(json.dumps({"answers": {name: {"status": a["statusCode"], "body": json.loads(a["body"])} for name, a in answers.items()},
                  "paths": sys.path, "modules": sorted({getattr(m, "__file__", None) or "" for m in sys.modules.values()})}))
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("package") / "package-dev"
    package.package("dev", out=out)
    return out


@pytest.fixture(scope="module")
def template(built):
    return json.loads((built / "sam.json").read_text())


def test_zip_is_at_most_3_mb_with_only_the_botocore_data_used(built):
    zip_path = built / "deployment.zip"
    assert zip_path.stat().st_size <= 3_000_000, zip_path.stat().st_size
    names = zipfile.ZipFile(zip_path).namelist()
    services = {name.split("/")[2] for name in names if name.startswith("botocore/data/") and name.count("/") > 3}
    assert services == set(package.KEEP_SERVICES)
    data_files = {name.split("/")[2] for name in names if name.startswith("botocore/data/") and name.count("/") == 2}
    assert {"endpoints.json", "partitions.json", "sdk-default-configuration.json", "_retry.json"} <= data_files
    assert not [name for name in names if name.endswith("examples-1.json") or name.startswith("bin/")]
    endpoints = json.loads(zipfile.ZipFile(zip_path).read("botocore/data/endpoints.json"))
    assert {service for p in endpoints["partitions"] for service in p["services"]} <= set(package.KEEP_SERVICES)
    assert "requirements.txt" not in names  # the dependencies come from the lock, through vendor/


def test_same_lock_and_sources_give_the_same_zip_content(built, tmp_path):
    again = package.package("dev", out=tmp_path / "package-dev", lint=False)
    first, second = package.zip_manifest(built / "deployment.zip"), package.zip_manifest(again / "deployment.zip")
    assert list(first) == list(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_zip_holds_exactly_the_locked_versions(built):
    locked = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split(" ")[0].split("==")
            locked[name.lower().replace("-", "_")] = version
    names = zipfile.ZipFile(built / "deployment.zip").namelist()
    shipped = {}
    for name in names:
        top = name.split("/")[0]
        if top.endswith(".dist-info"):
            project, version = top[:-len(".dist-info")].rsplit("-", 1)
            shipped[project.lower().replace("-", "_")] = version
    assert shipped == locked


def test_every_module_is_precompiled_from_the_source_beside_it(built):
    archive = zipfile.ZipFile(built / "deployment.zip")
    names = set(archive.namelist())
    tag = "cpython-%d%d" % package.RUNTIME_PYTHON
    sources = [name for name in names if name.endswith(".py")]
    assert "app.py" in sources and "chalice/app.py" in sources and "chalicelib/data/dynamo.py" in sources
    missing, stale = [], []
    for name in sources:
        folder, _, file = name.rpartition("/")
        cached = f"{folder + '/' if folder else ''}__pycache__/{file[:-3]}.{tag}.pyc"
        if cached not in names:
            missing.append(name)
            continue
        pyc = archive.read(cached)
        flags = int.from_bytes(pyc[4:8], "little")
        if pyc[:4] != importlib.util.MAGIC_NUMBER or flags != 0b01 or \
                pyc[8:16] != importlib.util.source_hash(archive.read(name)):
            stale.append(name)
    assert missing == [] and stale == []


@pytest.fixture
def emulator(tmp_path, monkeypatch):
    """A moto_server of its own, provisioned and seeded with the real code."""
    from chalicelib.core.settings import get_settings
    from chalicelib.data import aws, dynamo
    from chalicelib.domain import auth
    from ops import demo_data, provision

    port = run_local.free_port()
    log = open(tmp_path / "moto.log", "w")
    server = subprocess.Popen([str(pathlib.Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        run_local.wait_http(f"{url}/moto-api/", 30, server, "moto_server")
        monkeypatch.setenv("AWS_ENDPOINT_URL", url)
        dynamo.reset()
        aws.reset()
        auth.clear_cache()
        provision.provision(boto3.Session(), get_settings())
        demo_data.load()
        auth.register_key("package-check-key", "package check", ["read"])
        yield url
    finally:
        dynamo.reset()
        aws.reset()
        server.terminate()
        server.wait(10)


def test_the_unpacked_zip_alone_imports_and_serves(built, tmp_path, emulator):
    folder = tmp_path / "task"
    folder.mkdir()
    zipfile.ZipFile(built / "deployment.zip").extractall(folder)
    folder.chmod(0o555)  # like /var/task: read-only, so nothing is compiled at import
    env = {"AWS_ENDPOINT_URL": emulator, "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1", "OMS_STAGE": "test", "OMS_LOG_LEVEL": "WARNING"}
    # -I: no environment PYTHON* variables, no user site, no current directory;
    # -S: no site-packages at all; the folder is the only addition to the stdlib.
    result = subprocess.run([sys.executable, "-I", "-S", "-B", "-c", LAMBDA_EVENT, str(folder), "package-check-key"],
                            env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    answers = report["answers"]
    assert answers["health"]["status"] == 200, answers["health"]
    assert answers["product"]["status"] == 200 and answers["product"]["body"]["product_name"] == "Laptop"
    assert answers["openapi"]["body"]["servers"] == [{"url": "https://abc.execute-api.us-east-1.amazonaws.com/dev"}]
    outside = [path for path in report["modules"] if path and not path.startswith((str(folder), sys.base_prefix))]
    assert outside == [], "modules imported from outside the package and the standard library"
    assert not [path for path in report["paths"] if "site-packages" in path]


def test_template_is_portable_and_lint_clean(built, template):
    text = (built / "sam.json").read_text()
    for marker in ("123456789012", "127.0.0.1", "localhost", "moto", "us-east-1", ":5000"):
        assert marker not in text, marker
    assert set(template["Parameters"]) == {"OrdersStreamArn", "ProductsStreamArn", "CustomersStreamArn", "CursorSecret"}
    assert template["Parameters"]["CursorSecret"]["NoEcho"] is True
    variables = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert variables["OMS_BACKUP_BUCKET"] == {"Fn::Sub": "oms-dev-backups-${AWS::AccountId}"}
    assert variables["OMS_ORDERS_STREAM_ARN"] == {"Ref": "OrdersStreamArn"}
    subprocess.run([str(pathlib.Path(sys.executable).parent / "cfn-lint"), str(built / "sam.json")], check=True)


def test_runtime_timeouts_memory_and_log_retention_are_set(template):
    resources = template["Resources"]
    functions = package.functions_of(template)
    assert functions == ["APIHandler", "BackupCustomers", "BackupOrders", "BackupProducts", "DeliverWebhooks"]
    for name in functions:
        properties = resources[name]["Properties"]
        assert properties["Runtime"] == package.RUNTIME
        assert properties["MemorySize"] >= 128
    assert resources["APIHandler"]["Properties"]["Timeout"] < 29  # API Gateway gives up at 29 s
    # Chosen from the CPU each request and each stream batch measured (docs/operations.md, "Runtime settings").
    assert resources["APIHandler"]["Properties"]["MemorySize"] == 1024
    for name in functions[1:4]:
        assert (resources[name]["Properties"]["MemorySize"], resources[name]["Properties"]["Timeout"]) == (256, 300)
    # One webhook POST (10 s at most) per invocation, well under the queue's visibility timeout.
    assert (resources["DeliverWebhooks"]["Properties"]["MemorySize"], resources["DeliverWebhooks"]["Properties"]["Timeout"]) \
        == (256, 30)
    queue, = [event["Properties"]["Queue"] for event in resources["DeliverWebhooks"]["Properties"]["Events"].values()]
    assert queue == {"Fn::Sub": "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:oms-dev-webhooks.fifo"}
    groups = {resource["Properties"]["LogGroupName"]["Fn::Sub"]: resource["Properties"]["RetentionInDays"]
              for resource in resources.values() if resource["Type"] == "AWS::Logs::LogGroup"}
    assert groups == {f"/aws/lambda/${{{name}}}": 14 for name in functions}


def test_each_function_has_its_own_role_and_the_api_never_writes_s3(template):
    resources = template["Resources"]
    roles = {name: resources[name]["Properties"]["Role"]["Fn::GetAtt"][0] for name in package.functions_of(template)}
    assert len(set(roles.values())) == len(roles)
    api_role = json.dumps(resources[roles["APIHandler"]]["Properties"]["Policies"])
    assert "s3:" not in api_role
    assert "s3:PutObject" in json.dumps(resources[roles["BackupOrders"]]["Properties"]["Policies"])


def test_website_is_https_through_cloudfront_with_the_security_headers(template):
    resources = template["Resources"]
    config = resources["WebsiteDistribution"]["Properties"]["DistributionConfig"]
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    origin, = config["Origins"]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["WebsiteOriginAccessControl", "Id"]}
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # OAC, not a legacy identity or public website
    oac = resources["WebsiteOriginAccessControl"]["Properties"]["OriginAccessControlConfig"]
    assert (oac["SigningBehavior"], oac["OriginAccessControlOriginType"]) == ("always", "s3")
    statements = resources["WebsiteBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    allow, = [s for s in statements if s["Effect"] == "Allow"]
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"} and "AWS:SourceArn" in allow["Condition"][
        "StringEquals"]
    headers = resources["WebsiteHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert headers["ContentSecurityPolicy"]["ContentSecurityPolicy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert headers["FrameOptions"]["FrameOption"] == SECURITY_HEADERS["X-Frame-Options"]
    assert headers["ReferrerPolicy"]["ReferrerPolicy"] == SECURITY_HEADERS["Referrer-Policy"]
    assert headers["ContentTypeOptions"] == {"Override": True} and SECURITY_HEADERS["X-Content-Type-Options"] == "nosniff"
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    variables = resources["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert variables["OMS_CORS_ORIGIN"] == {"Fn::Sub": "https://${WebsiteDistribution.DomainName}"}


def test_api_throttling_is_in_the_template(template):
    settings, = template["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
    assert (settings["ThrottlingRateLimit"], settings["ThrottlingBurstLimit"]) == (10_000, 5_000)


def test_stage_configs_are_the_generated_ones():
    """Deployed stages' environments are ops.stage's (account- and region-free);
    the local stage carries what `chalice local --stage local` needs beside
    `make run` on the default ports, and nothing tests override."""
    from chalicelib.core.settings import load_settings
    from ops import stage

    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    for name in ("dev", "prod"):
        assert config["stages"][name]["environment_variables"] == stage.stage_environment(name)
    local = config["stages"]["local"]["environment_variables"]
    assert local["OMS_STATE_MACHINE_ARN"] == stage.state_machine_arn(load_settings({"OMS_STAGE": "local"}), "123456789012")
    assert local["AWS_ENDPOINT_URL"] == "http://127.0.0.1:5000" and run_local.ACCOUNT == "123456789012"
    assert set(local) == {"OMS_STAGE", "OMS_STATE_MACHINE_ARN", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID",
                          "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "OMS_CURSOR_SECRET"}


def test_the_staff_sign_in_layer_holds_the_jwt_library_and_the_api_function_alone_uses_it(built, template):
    layer = zipfile.ZipFile(built / "staff-layer.zip").namelist()
    assert {"python/jwt/api_jwt.py", "python/cryptography/__init__.py",
            "botocore-data/cognito-idp/2016-04-18/service-2.json.gz"} <= set(layer)
    assert any(name.startswith("python/cryptography/hazmat/bindings/_rust") and name.endswith(".so") for name in layer)
    code = zipfile.ZipFile(built / "deployment.zip").namelist()
    assert not [name for name in code if name.startswith(("jwt/", "cryptography/"))]  # never in the API-key path
    using = {name for name, resource in template["Resources"].items()
             if {"Ref": "StaffSignInLayer"} in resource.get("Properties", {}).get("Layers", [])}
    assert using == {"APIHandler"}
    assert template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]["AWS_DATA_PATH"] == \
        "/opt/botocore-data"
