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
  its own role, serves the website over HTTPS through CloudFront;
* the stateful template keeps every table, bucket and queue (Retain, point
  in time recovery, deletion protection); every stream mapping sends what it
  cannot handle to the failed-records queue; the alarms reach the topic;
  functions, API and workflow are traced; functions run on arm64; cfn-lint
  and checkov (with its checked-in skips) pass both templates.
"""
import importlib.util
import json
import pathlib
import subprocess
import sys
import zipfile

import boto3
import pytest

from ops import package, provision, run_local, staff_pool
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
    return json.loads((built / package.APP_TEMPLATE).read_text())


@pytest.fixture(scope="module")
def stateful(built):
    return json.loads((built / package.STATEFUL_TEMPLATE).read_text())


def of_type(template, kind):
    return {name: resource for name, resource in template["Resources"].items() if resource["Type"] == kind}


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


def test_templates_are_portable_and_lint_clean(built, template):
    for name in (package.APP_TEMPLATE, package.STATEFUL_TEMPLATE):
        text = (built / name).read_text()
        for marker in ("123456789012", "127.0.0.1", "localhost", "moto", "us-east-1", ":5000"):
            assert marker not in text, (name, marker)
    assert set(template["Parameters"]) == {
        "OrdersStreamArn", "ProductsStreamArn", "CustomersStreamArn", "CursorSecret", "AlarmEmail",
        "WorkflowFailuresPerFiveMinutes", "ApiRateLimit", "ApiBurstLimit", "WriteRateLimit", "WriteBurstLimit",
        "WafRequestsPerFiveMinutes", "WebsiteWebAclArn", "SetApiGatewayLogsRole", "StaffUserPoolId", "StaffConsoleClientId"}
    assert template["Parameters"]["CursorSecret"]["NoEcho"] is True
    variables = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert variables["OMS_BACKUP_BUCKET"] == {"Fn::Sub": "oms-dev-backups-${AWS::AccountId}"}
    assert variables["OMS_ORDERS_STREAM_ARN"] == {"Ref": "OrdersStreamArn"}
    assert (variables["OMS_USER_POOL_ID"], variables["OMS_USER_POOL_CLIENT_ID"]) == (
        {"Ref": "StaffUserPoolId"}, {"Ref": "StaffConsoleClientId"})
    subprocess.run([str(pathlib.Path(sys.executable).parent / "cfn-lint"), str(built / package.APP_TEMPLATE),
                    str(built / package.STATEFUL_TEMPLATE)], check=True)


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
        == (256, provision.DELIVERY_TIMEOUT_SECONDS)  # the queue's visibility is six times this
    queue, = [event["Properties"]["Queue"] for event in resources["DeliverWebhooks"]["Properties"]["Events"].values()]
    assert queue == {"Fn::Sub": "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:oms-dev-webhooks.fifo"}
    groups = {resource["Properties"]["LogGroupName"]["Fn::Sub"]: resource["Properties"]["RetentionInDays"]
              for resource in resources.values() if resource["Type"] == "AWS::Logs::LogGroup" and
              "LogGroupName" in resource["Properties"]}
    assert groups == {f"/aws/lambda/${{{name}}}": 14 for name in functions}
    # Every log group (the API's access log too) outlives the stack: its retention bounds it.
    for resource in of_type(template, "AWS::Logs::LogGroup").values():
        assert (resource["DeletionPolicy"], resource["UpdateReplacePolicy"]) == ("Retain", "Retain")
        assert resource["Properties"]["RetentionInDays"] == 14


def test_each_function_has_its_own_role_and_the_api_never_writes_s3(template):
    resources = template["Resources"]
    roles = {name: resources[name]["Properties"]["Role"]["Fn::GetAtt"][0] for name in package.functions_of(template)}
    assert len(set(roles.values())) == len(roles)
    api_role = json.dumps(resources[roles["APIHandler"]]["Properties"]["Policies"])
    assert "s3:" not in api_role
    assert "s3:PutObject" in json.dumps(resources[roles["BackupOrders"]]["Properties"]["Policies"])
    # Cognito: the API alone, on the stage's own pool alone, the staff page's admin calls alone.
    granted = {name: [s for p in resources[role]["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]
                      if any(action.startswith("cognito-idp:") for action in s["Action"])]
               for name, role in roles.items()}
    assert {name for name, statements in granted.items() if statements} == {"APIHandler"}
    statement, = granted["APIHandler"]
    assert statement["Resource"] == [
        {"Fn::Sub": "arn:aws:cognito-idp:${AWS::Region}:${AWS::AccountId}:userpool/${StaffUserPoolId}"}]
    assert statement["Action"] == staff_pool.API_ACTIONS


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


def test_api_edge_throttles_traces_logs_and_takes_an_optional_waf(template):
    parameters = template["Parameters"]
    api = template["Resources"]["RestAPI"]["Properties"]
    stage, *writes = api["MethodSettings"]
    assert (stage["ResourcePath"], stage["HttpMethod"]) == ("/*", "*")
    assert (stage["ThrottlingRateLimit"], stage["ThrottlingBurstLimit"]) == ({"Ref": "ApiRateLimit"}, {"Ref": "ApiBurstLimit"})
    assert parameters["WriteRateLimit"]["Default"] < parameters["ApiRateLimit"]["Default"]
    assert parameters["WriteBurstLimit"]["Default"] < parameters["ApiBurstLimit"]["Default"]
    routes = {(setting["ResourcePath"], setting["HttpMethod"]) for setting in writes}
    assert {("/~1orders", "POST"), ("/~1orders~1{order_id}", "PUT"), ("/~1orders~1{order_id}", "DELETE")} <= routes
    assert all(method in ("POST", "PUT", "PATCH", "DELETE") for _, method in routes)
    assert all(setting["ThrottlingRateLimit"] == {"Ref": "WriteRateLimit"} for setting in writes)
    assert api["TracingEnabled"] is True
    access = api["AccessLogSetting"]
    assert access["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogGroup", "Arn"]}
    fields = json.loads(access["Format"])  # JSON lines, the request's own path (an order id in it) and Lambda's request id
    assert fields["path"] == "$context.path" and fields["lambdaRequestId"] == "$context.integration.requestId"
    resources = template["Resources"]
    acl = resources["ApiWebAcl"]
    assert acl["Condition"] == "HasWaf" and parameters["WafRequestsPerFiveMinutes"]["Default"] == 0
    rule, = acl["Properties"]["Rules"]
    assert rule["Statement"]["RateBasedStatement"] == {"Limit": {"Ref": "WafRequestsPerFiveMinutes"},
                                                       "AggregateKeyType": "IP"}
    assert resources["ApiWebAclAssociation"]["Properties"]["WebACLArn"] == {"Fn::GetAtt": ["ApiWebAcl", "Arn"]}
    website_acl = resources["WebsiteDistribution"]["Properties"]["DistributionConfig"]["WebACLId"]
    assert website_acl["Fn::If"][:2] == ["HasWebsiteWebAcl", {"Ref": "WebsiteWebAclArn"}]


def test_stateful_template_keeps_every_table_bucket_and_queue(stateful):
    from chalicelib.core.settings import STREAMED_TABLES
    from ops.stage import ACCOUNT, REGION, stage_settings

    settings = stage_settings("dev", ACCOUNT, REGION)
    tables = of_type(stateful, "AWS::DynamoDB::Table")
    assert {t["Properties"]["TableName"] for t in tables.values()} == set(settings.table_names.values())
    buckets = of_type(stateful, "AWS::S3::Bucket")
    assert {b["Properties"]["BucketName"]["Fn::Sub"] for b in buckets.values()} == {
        settings.backup_bucket, settings.website_bucket}
    queues = of_type(stateful, "AWS::SQS::Queue")
    assert {q["Properties"]["QueueName"] for q in queues.values()} == {
        "oms-dev-webhooks.fifo", "oms-dev-webhooks-dead.fifo", "oms-dev-stream-failures"}
    logs = of_type(stateful, "AWS::Logs::LogGroup")
    assert list(logs) == ["WorkflowLogGroup"]
    for name, resource in {**tables, **buckets, **queues, **logs}.items():
        assert (resource["DeletionPolicy"], resource["UpdateReplacePolicy"]) == ("Retain", "Retain"), name
    for name, table in tables.items():
        properties = table["Properties"]
        assert properties["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}, name
        assert properties["DeletionProtectionEnabled"] is True, name
    streamed = {name for name, t in tables.items() if t["Properties"].get("StreamSpecification")}
    assert streamed == {f"{kind.capitalize()}Table" for kind in STREAMED_TABLES}
    for name in streamed:
        assert tables[name]["Properties"]["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    for bucket in buckets.values():
        assert all(bucket["Properties"]["PublicAccessBlockConfiguration"].values())
        assert bucket["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert buckets["BackupBucket"]["Properties"]["VersioningConfiguration"] == {"Status": "Enabled"}
    for queue in queues.values():
        assert queue["Properties"]["SqsManagedSseEnabled"] is True
    assert queues["StreamFailuresQueue"]["Properties"].get("FifoQueue") is None  # a standard queue
    assert set(stateful["Outputs"]) >= {"OrdersStreamArn", "ProductsStreamArn", "CustomersStreamArn",
                                        "StaffUserPoolId", "StaffConsoleClientId"}


def test_every_stream_mapping_sends_what_it_cannot_handle_to_the_failed_records_queue(template):
    resources = template["Resources"]
    mapped = package.stream_functions(template)
    assert mapped == ["BackupCustomers", "BackupOrders", "BackupProducts"]
    failures = {"Fn::Sub": "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:oms-dev-stream-failures"}
    for name in mapped:
        event, = resources[name]["Properties"]["Events"].values()
        settings = event["Properties"]
        assert settings["BisectBatchOnFunctionError"] is True and settings["MaximumRetryAttempts"] == 5
        assert settings["MaximumRecordAgeInSeconds"] == 21600
        assert settings["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
        assert settings["DestinationConfig"] == {"OnFailure": {"Destination": failures}}
        # Lambda sends the failed record with the function's own role.
        role = resources[resources[name]["Properties"]["Role"]["Fn::GetAtt"][0]]
        statements = [s for policy in role["Properties"]["Policies"] for s in policy["PolicyDocument"]["Statement"]]
        assert any("sqs:SendMessage" in s["Action"] and failures in s["Resource"] for s in statements), name


def test_webhook_queue_visibility_is_six_times_its_consumers_timeout(template, stateful):
    timeout = template["Resources"]["DeliverWebhooks"]["Properties"]["Timeout"]
    queue = stateful["Resources"]["WebhookQueue"]["Properties"]
    assert queue["VisibilityTimeout"] >= 6 * timeout
    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {"Fn::GetAtt": ["WebhookDeadLetterQueue", "Arn"]}


def test_alarms_cover_the_issue_list_and_all_notify_the_topic(template):
    resources = template["Resources"]
    alarms = of_type(template, "AWS::CloudWatch::Alarm")
    for alarm in alarms.values():
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": "AlarmTopic"}]
    subscription = resources["AlarmEmailSubscription"]
    assert subscription["Condition"] == "HasAlarmEmail"
    assert subscription["Properties"] == {"TopicArn": {"Ref": "AlarmTopic"}, "Protocol": "email",
                                          "Endpoint": {"Ref": "AlarmEmail"}}

    def watching(metric, **dimensions):
        found = []
        for name, alarm in alarms.items():
            properties = alarm["Properties"]
            metrics = [m["MetricStat"]["Metric"] for m in properties.get("Metrics", []) if "MetricStat" in m] or [properties]
            for spelled in metrics:
                values = {d["Name"]: d["Value"] for d in spelled.get("Dimensions", [])}
                if spelled.get("MetricName") == metric and all(values.get(k) == v for k, v in dimensions.items()):
                    found.append(name)
        return found

    assert watching("5XXError", ApiName="oms", Stage="dev") and watching("Latency", ApiName="oms", Stage="dev")
    assert alarms[watching("Latency")[0]]["Properties"]["ExtendedStatistic"] == "p99"
    for function in package.functions_of(template):
        assert watching("Errors", FunctionName={"Ref": function}), function
        assert watching("Throttles", FunctionName={"Ref": function}), function
    for function in package.stream_functions(template):
        assert watching("IteratorAge", FunctionName={"Ref": function}), function
    assert watching("ExecutionsFailed")
    for queue in ("oms-dev-stream-failures", "oms-dev-webhooks-dead.fifo"):
        assert watching("ApproximateNumberOfMessagesVisible", QueueName=queue), queue
    from ops.stage import ACCOUNT, REGION, stage_settings
    for table in stage_settings("dev", ACCOUNT, REGION).table_names.values():
        assert watching("ReadThrottleEvents", TableName=table) and watching("WriteThrottleEvents", TableName=table), table
    body = resources["Dashboard"]["Properties"]["DashboardBody"]["Fn::Sub"]
    widgets = json.loads(body)["widgets"]
    per_minute = next(w for w in widgets if w["properties"]["title"] == "Orders per minute")["properties"]
    assert per_minute["period"] == 60
    assert [m[:4] for m in per_minute["metrics"]] == [["OMS", name, "Stage", "dev"]
                                                      for name in ("OrdersCreated", "OrdersFailed", "OrdersShipped")]


def test_functions_are_arm64_traced_like_the_workflow_and_log_no_platform_lines(template, stateful, built):
    assert package.architecture() == "arm64" and package.PLATFORMS["arm64"] == "manylinux2014_aarch64"
    for name in package.functions_of(template):
        properties = template["Resources"][name]["Properties"]
        assert properties["Architectures"] == ["arm64"], name
        assert properties["Tracing"] == "Active", name
        # No START/END/REPORT lines on success (bench/bill.py prices none).
        assert properties["LoggingConfig"] == {"LogFormat": "JSON", "SystemLogLevel": "WARN"}, name
        role = template["Resources"][properties["Role"]["Fn::GetAtt"][0]]["Properties"]
        assert role["ManagedPolicyArns"] == [{"Fn::Sub": package.XRAY_WRITE_POLICY}]
    machine = stateful["Resources"]["OrderWorkflow"]["Properties"]
    assert machine["TracingConfiguration"] == {"Enabled": True}
    assert machine["LoggingConfiguration"]["Level"] == "ALL"
    assert machine["LoggingConfiguration"]["Destinations"] == [
        {"CloudWatchLogsLogGroup": {"LogGroupArn": {"Fn::GetAtt": ["WorkflowLogGroup", "Arn"]}}}]
    # No wheel of another platform in the zip (pure-Python wheels carry none).
    names = zipfile.ZipFile(built / "deployment.zip").namelist()
    assert not [name for name in names if name.endswith(".so") and "x86_64" in name]


CHECKOV = ROOT / ".venv-checkov" / "bin" / "checkov"


def test_checkov_passes_both_templates_with_the_checked_in_skips(built):
    """`make test` builds checkov's own venv (make checkov-venv); each skip
    in .checkov.yaml carries its reason."""
    skips = [line for line in (ROOT / ".checkov.yaml").read_text().splitlines() if line.strip().startswith("- CKV")]
    assert skips and all(len(line.partition("#")[2].strip()) > 20 for line in skips), "a skip without its reason"
    assert CHECKOV.exists(), "checkov's venv is missing: make checkov-venv"
    result = subprocess.run([str(CHECKOV), "-f", str(built / package.APP_TEMPLATE), "-f", str(built / package.STATEFUL_TEMPLATE),
                             "--config-file", str(ROOT / ".checkov.yaml"), "--compact", "--quiet", "-o", "json"],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    failed = [(check["check_id"], check["resource"]) for check in report["results"]["failed_checks"]]
    assert failed == [] and result.returncode == 0, failed


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
    rust, = [name for name in layer if name.startswith("python/cryptography/hazmat/bindings/_rust") and name.endswith(".so")]
    # Built for the functions' architecture (arm64): an ELF for AArch64 (e_machine 183).
    header = zipfile.ZipFile(built / "staff-layer.zip").read(rust)[:20]
    assert header[:4] == b"\x7fELF" and int.from_bytes(header[18:20], "little") == 183
    layer_properties = template["Resources"]["StaffSignInLayer"]["Properties"]
    assert layer_properties["CompatibleArchitectures"] == [package.architecture()] == ["arm64"]
    code = zipfile.ZipFile(built / "deployment.zip").namelist()
    assert not [name for name in code if name.startswith(("jwt/", "cryptography/"))]  # never in the API-key path
    using = {name for name, resource in template["Resources"].items()
             if {"Ref": "StaffSignInLayer"} in resource.get("Properties", {}).get("Layers", [])}
    assert using == {"APIHandler"}
    assert template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]["AWS_DATA_PATH"] == \
        "/opt/botocore-data"
