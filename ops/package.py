"""`make package STAGE=dev`: the deployable artifact, built offline and linted.

What it builds, in `build/package/`:
* `deployment.zip`: the Lambda code. Chalice sees an empty requirements.txt
  and a `vendor/` folder installed from `requirements.lock` (hash-checked,
  manylinux wheels for the runtime's Python), with botocore's data cut to the
  services the code calls (and `endpoints.json` to those services), and every
  module precompiled to `.pyc` by the runtime's Python (Lambda's /var/task is
  read-only, so without them each cold start compiles everything). The same
  lock and sources give the same files, byte for byte.
* `sam.json`, the app stack: Chalice's template made portable (no account,
  region or emulator in it: `${AWS::AccountId}`/`${AWS::Region}` become
  `Fn::Sub`, the tables' stream ARNs are parameters), with the website's
  CloudFront distribution (origin access control, security headers), stream
  mappings that never lose a record, X-Ray, the API's edge (ops/api_edge.py)
  and the alarms and dashboard (ops/monitoring.py) added;
* `stateful.json`, the stateful stack (ops/stateful.py): tables, buckets,
  queues and the workflow, kept when the stack goes.
Both pass cfn-lint.

`make deploy` deploys exactly these with CloudFormation (ops/deploy.py)."""
import argparse
import hashlib
import inspect
import json
import os
import pathlib
import py_compile
import shutil
import subprocess
import sys
import zipfile
from typing import Dict, Iterable, List

from ops import staff_layer

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
# The Lambda runtime: the newest Python that Chalice 1.34 and Lambda both
# support and that this project builds with (docs/operations.md, "Runtime settings").
# Chalice takes the runtime from the Python running it, so the package must
# be built by this Python (the project's venv is).
RUNTIME_PYTHON = (3, 13)
RUNTIME = "python%d.%d" % RUNTIME_PYTHON
# Wheels for the functions' architecture, which `.chalice/config.json` sets
# once for every function (`lambda_architecture`).
PLATFORMS = {"arm64": "manylinux2014_aarch64", "x86_64": "manylinux2014_x86_64"}
CONFIG = ".chalice/config.json"
# botocore data the functions need: the services the code calls, STS for
# botocore's role credential providers, plus what botocore reads for every
# client (the files directly under data/). Stream records reach the functions
# from Lambda, so the DynamoDB Streams API is only the local pump's.
KEEP_SERVICES = ("dynamodb", "stepfunctions", "s3", "sqs", "sts")
MAX_ZIP_BYTES = 3 * 1024 * 1024
# The two templates `make package` writes: the app stack's (Chalice's, made
# portable) and the stateful stack's (ops/stateful.py).
APP_TEMPLATE, STATEFUL_TEMPLATE = "sam.json", "stateful.json"
EMULATOR_MARKERS = ("123456789012", "127.0.0.1", "localhost", "us-east-1")
# Managed CloudFront cache policy "CachingOptimized". The site's files are sent
# `no-cache`, so the edge revalidates them (its minimum TTL is 1 s).
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
HSTS_SECONDS = 63072000  # two years


class PackageError(Exception):
    pass


# ---------------------------------------------------------------- the code

def scratch_copy(root: pathlib.Path, source: pathlib.Path) -> pathlib.Path:
    """The project as Chalice should see it: the app, its library, `.chalice/`
    and an empty requirements.txt (the dependencies come from vendor/)."""
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    shutil.copy(root / "app.py", source)
    (source / "requirements.txt").write_text("")
    shutil.copytree(root / "chalicelib", source / "chalicelib", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(root / ".chalice", source / ".chalice",
                    ignore=shutil.ignore_patterns("deployed", "deployments", "venv"))
    return source


def architecture(root: pathlib.Path = ROOT) -> str:
    """The functions' architecture (`lambda_architecture` in the Chalice config: one setting for all)."""
    return json.loads((root / CONFIG).read_text()).get("lambda_architecture", "x86_64")


def install_vendor(lock: pathlib.Path, vendor: pathlib.Path, platform: str) -> None:
    """The locked runtime requirements, as Lambda's platform and Python need them."""
    shutil.rmtree(vendor, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--target", str(vendor), "--no-deps", "--require-hashes", "--no-compile",
                    "--only-binary=:all:", "--platform", platform, "--implementation", "cp",
                    "--python-version", "%d.%d" % RUNTIME_PYTHON, "-r", str(lock)], check=True)
    shutil.rmtree(vendor / "bin", ignore_errors=True)  # console scripts, never imported
    for record in vendor.glob("*.dist-info/RECORD"):  # installer's file lists (wrong once pruned)
        record.unlink()
    for cache in vendor.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)


def prune_botocore(vendor: pathlib.Path, keep: Iterable[str] = KEEP_SERVICES) -> None:
    """Only the kept services' models; endpoints.json lists only them (every
    partition and region stays). botocore parses endpoints.json in every
    session: 1.2 MB of JSON becomes a few KB."""
    keep = set(keep)
    data = vendor / "botocore" / "data"
    for child in data.iterdir():
        if child.is_dir() and child.name not in keep:
            shutil.rmtree(child)
    for example in data.glob("*/*/examples-1.json"):  # read only by botocore's docs code
        example.unlink()
    path = data / "endpoints.json"
    endpoints = json.loads(path.read_text())
    for partition in endpoints["partitions"]:
        partition["services"] = {name: spec for name, spec in partition["services"].items() if name in keep}
    path.write_text(json.dumps(endpoints, separators=(",", ":")))


def prune_dateutil(vendor: pathlib.Path) -> None:
    """dateutil's own copy of the time zone database (150 KB zipped) is read
    only by `dateutil.tz.gettz` when the system has none; botocore and the
    app use UTC alone (`tz.tzutc`, `tz.tzlocal`)."""
    for tarball in (vendor / "dateutil" / "zoneinfo").glob("*.tar.gz"):
        tarball.unlink()


def _compile(source: pathlib.Path, cfile: pathlib.Path, shown_as: str) -> None:
    py_compile.compile(str(source), cfile=str(cfile), dfile=shown_as, doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)


def precompile(project: pathlib.Path) -> int:
    """`.pyc` for every module the zip holds, as /var/task paths, checked by
    nothing (unchecked-hash: the zip's files never change under them). The
    app's and Chalice's own runtime modules, which Chalice adds to the zip
    itself, get theirs through vendor/ (its files land at the zip's root)."""
    if sys.version_info[:2] != RUNTIME_PYTHON:
        raise PackageError("the package must be built by Python %d.%d, the runtime's (this is %s): run it with "
                           "the project's venv (make package)" % (*RUNTIME_PYTHON, sys.version.split()[0]))
    import chalice
    import chalice.app

    tag = sys.implementation.cache_tag
    vendor = project / "vendor"
    pairs = [(project / "app.py", vendor / "__pycache__" / f"app.{tag}.pyc", "app.py")]
    for module, name in ((chalice, "__init__"), (chalice.app, "app")):
        pairs.append((pathlib.Path(inspect.getfile(module)), vendor / "chalice" / "__pycache__" / f"{name}.{tag}.pyc",
                      f"chalice/{name}.py"))
    for base in (vendor, project / "chalicelib"):
        for path in sorted(base.rglob("*.py")):
            relative = path.relative_to(vendor if base == vendor else project)
            pairs.append((path, path.parent / "__pycache__" / f"{path.stem}.{tag}.pyc", relative.as_posix()))
    for source, cfile, shown in pairs:
        _compile(source, cfile, f"/var/task/{shown}")
    return len(pairs)


def build_code(root: pathlib.Path, source: pathlib.Path) -> pathlib.Path:
    scratch_copy(root, source)
    install_vendor(root / "requirements.lock", source / "vendor", PLATFORMS[architecture(root)])
    prune_botocore(source / "vendor")
    prune_dateutil(source / "vendor")
    precompile(source)
    return source


# ---------------------------------------------------------------- the template

def _portable(value, parameters: set):
    """`${...}` strings become Fn::Sub (a bare `${Parameter}` a Ref)."""
    if isinstance(value, dict):
        if set(value) == {"Fn::Sub"}:
            return value
        return {key: _portable(item, parameters) for key, item in value.items()}
    if isinstance(value, list):
        return [_portable(item, parameters) for item in value]
    if isinstance(value, str) and "${" in value:
        if value.startswith("${") and value.endswith("}") and value[2:-1] in parameters:
            return {"Ref": value[2:-1]}
        return {"Fn::Sub": value}
    return value


def security_headers_config() -> Dict[str, object]:
    """ops.site_headers.SECURITY_HEADERS as a CloudFront response headers
    policy (plus HSTS, which only means something over HTTPS)."""
    from ops.site_headers import SECURITY_HEADERS

    config: Dict[str, object] = {"StrictTransportSecurity": {
        "AccessControlMaxAgeSec": HSTS_SECONDS, "IncludeSubdomains": True, "Override": True}}
    custom = []
    for name, value in SECURITY_HEADERS.items():
        lower = name.lower()
        if lower == "content-security-policy":
            config["ContentSecurityPolicy"] = {"ContentSecurityPolicy": value, "Override": True}
        elif lower == "x-frame-options":
            config["FrameOptions"] = {"FrameOption": value.upper(), "Override": True}
        elif lower == "x-content-type-options":
            if value != "nosniff":
                raise PackageError("CloudFront only sends X-Content-Type-Options: nosniff")
            config["ContentTypeOptions"] = {"Override": True}
        elif lower == "referrer-policy":
            config["ReferrerPolicy"] = {"ReferrerPolicy": value, "Override": True}
        else:
            custom.append({"Header": name, "Value": value, "Override": True})
    policy = {"SecurityHeadersConfig": config}
    if custom:
        policy["CustomHeadersConfig"] = {"Items": custom}
    return policy


def website_resources(stage: str) -> Dict[str, dict]:
    """HTTPS for the operator website: CloudFront in front of the private
    website bucket, which only this distribution may read (origin access
    control, no public access), with the site's security headers."""
    from ops.stage import ACCOUNT, REGION, stage_settings

    bucket = stage_settings(stage, ACCOUNT, REGION).website_bucket
    distribution_arn = f"arn:aws:cloudfront::{ACCOUNT}:distribution/${{WebsiteDistribution}}"
    return {
        "WebsiteOriginAccessControl": {"Type": "AWS::CloudFront::OriginAccessControl", "Properties": {
            "OriginAccessControlConfig": {
                "Name": f"oms-{stage}-website-${{AWS::Region}}", "Description": "CloudFront reads the website bucket",
                "OriginAccessControlOriginType": "s3", "SigningBehavior": "always", "SigningProtocol": "sigv4"}}},
        "WebsiteHeadersPolicy": {"Type": "AWS::CloudFront::ResponseHeadersPolicy", "Properties": {
            "ResponseHeadersPolicyConfig": {"Name": f"oms-{stage}-website-headers-${{AWS::Region}}",
                                            **security_headers_config()}}},
        "WebsiteDistribution": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {
            "Enabled": True, "Comment": f"oms {stage} operator website", "DefaultRootObject": "index.html",
            "HttpVersion": "http2and3", "PriceClass": "PriceClass_100",
            "Origins": [{"Id": "website", "DomainName": f"{bucket}.s3.{REGION}.amazonaws.com",
                         "S3OriginConfig": {"OriginAccessIdentity": ""},
                         "OriginAccessControlId": {"Fn::GetAtt": ["WebsiteOriginAccessControl", "Id"]}}],
            "DefaultCacheBehavior": {"TargetOriginId": "website", "ViewerProtocolPolicy": "redirect-to-https",
                                     "AllowedMethods": ["GET", "HEAD"], "CachedMethods": ["GET", "HEAD"],
                                     "Compress": True, "CachePolicyId": CACHING_OPTIMIZED,
                                     "ResponseHeadersPolicyId": {"Ref": "WebsiteHeadersPolicy"}},
            "ViewerCertificate": {"CloudFrontDefaultCertificate": True}}}},
        "WebsiteBucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
            "Bucket": bucket, "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Sid": "CloudFrontReadsTheSite", "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
                 "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*",
                 "Condition": {"StringEquals": {"AWS:SourceArn": distribution_arn}}},
                {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}},
    }


# Every stream mapping: a failing batch is split to find the record that
# fails (and handlers report it: ReportBatchItemFailures), retried a few
# times, never older than 6 h, then sent to the failed-records queue, so one
# record never blocks its shard for the stream's 24 h, and is never lost.
STREAM_FAILURE_SETTINGS = {"BisectBatchOnFunctionError": True, "MaximumRetryAttempts": 5,
                           "MaximumRecordAgeInSeconds": 6 * 3600, "FunctionResponseTypes": ["ReportBatchItemFailures"]}
XRAY_WRITE_POLICY = "arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
# Lambda's platform lines (START, END, REPORT: about 330 bytes an invocation)
# are INFO events; at WARN only failures (a timeout, an out-of-memory) are
# written. The app's own lines go to stdout already as JSON and pass as they
# are. The application level stays Lambda's default, INFO: lower, the
# runtime's root logger would pass botocore's debug lines.
LAMBDA_LOGGING = {"LogFormat": "JSON", "SystemLogLevel": "WARN"}
KEEP = {"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}


def stream_functions(template: dict) -> List[str]:
    return sorted(name for name in functions_of(template)
                  if any(event["Type"] == "DynamoDB" for event in template["Resources"][name]["Properties"].get(
                      "Events", {}).values()))


def harden_functions(template: dict, stage: str) -> None:
    """Stream mappings that never lose a record; X-Ray for every function
    (its role may write traces) and no platform log lines on success; log
    groups kept when the stack goes."""
    from ops.stage import ACCOUNT, REGION, stage_settings, stream_failures_queue_arn

    failures = stream_failures_queue_arn(stage_settings(stage, ACCOUNT, REGION))
    resources = template["Resources"]
    for name in stream_functions(template):
        for event in resources[name]["Properties"]["Events"].values():
            event["Properties"].update(STREAM_FAILURE_SETTINGS)
            event["Properties"]["DestinationConfig"] = {"OnFailure": {"Destination": failures}}
    for name in functions_of(template):
        resources[name]["Properties"]["LoggingConfig"] = dict(LAMBDA_LOGGING)
        role = resources[name]["Properties"]["Role"]["Fn::GetAtt"][0]
        resources[role]["Properties"]["ManagedPolicyArns"] = [XRAY_WRITE_POLICY]
    for resource in resources.values():
        if resource["Type"] == "AWS::Logs::LogGroup":
            resource.update(KEEP)


def stage_config(stage: str, root: pathlib.Path = ROOT) -> dict:
    return json.loads((root / CONFIG).read_text())["stages"][stage]


def portable_template(template: dict, stage: str, log_retention_days: int = 14) -> dict:
    """Chalice's template for any account: parameters for the stateful
    stack's outputs (the stream ARNs, the staff user pool and its client) and the deploy's choices, `${...}`
    strings as Fn::Sub, the website's distribution, the API's edge, alarms
    and a dashboard, outputs the deploy reads."""
    from chalicelib.core.settings import STREAMED_TABLES
    from ops import api_edge, monitoring
    from ops.policy import LOGICAL_IDS
    from ops.stage import CURSOR_SECRET_PARAMETER, USER_POOL_CLIENT_PARAMETER, USER_POOL_PARAMETER, stream_parameter

    parameters = {stream_parameter(kind): {
        "Type": "String", "AllowedPattern": "arn:aws[a-z-]*:dynamodb:.+:table/.+/stream/.+",
        "Description": f"The {kind} table's stream (the stateful stack's output; make deploy passes it)"}
        for kind in STREAMED_TABLES}
    parameters[CURSOR_SECRET_PARAMETER] = {
        "Type": "String", "NoEcho": True, "MinLength": 32,
        "Description": "Signs next_token cursors (make deploy makes one for a new stack and keeps it after)"}
    parameters[USER_POOL_PARAMETER] = {
        "Type": "String", "AllowedPattern": "[\\w-]+_[0-9a-zA-Z]+",
        "Description": "The staff user pool (the stateful stack's output; make deploy passes it)"}
    parameters[USER_POOL_CLIENT_PARAMETER] = {
        "Type": "String", "AllowedPattern": "[\\w+]+",
        "Description": "The console's app client of that pool (the stateful stack's output; make deploy passes it)"}
    template = _portable(template, set(parameters))
    # Chalice 1.34 names the API function's log group after `ApiHandler`, a
    # resource its template calls `APIHandler`.
    group = template["Resources"].get("ApiHandlerLogGroup", {}).get("Properties", {})
    if group.get("LogGroupName") == {"Fn::Sub": "/aws/lambda/${ApiHandler}"} and "ApiHandler" not in template["Resources"]:
        group["LogGroupName"] = {"Fn::Sub": "/aws/lambda/${APIHandler}"}
    template["Parameters"] = {**template.get("Parameters", {}), **parameters, **api_edge.parameters(),
                              **monitoring.parameters()}
    template["Conditions"] = {**template.get("Conditions", {}), **api_edge.CONDITIONS, **monitoring.CONDITIONS}
    template["Resources"].update(_portable(website_resources(stage), set()))
    harden_functions(template, stage)
    api_edge.apply(template, stage, log_retention_days)
    template["Resources"].update(_portable(monitoring.monitoring_resources(
        stage, functions_of(template), stream_functions(template)), set()))
    template["Resources"] = _portable(template["Resources"], set())
    outputs = template.setdefault("Outputs", {})
    outputs["WebsiteURL"] = {"Value": {"Fn::Sub": "https://${WebsiteDistribution.DomainName}"}}
    outputs["WebsiteDistributionId"] = {"Value": {"Ref": "WebsiteDistribution"}}
    outputs["AlarmTopicArn"] = {"Value": {"Ref": monitoring.TOPIC}}
    for logical in LOGICAL_IDS.values():
        if logical in template["Resources"]:
            outputs[f"{logical}Arn"] = {"Value": {"Fn::GetAtt": [logical, "Arn"]}}
    return template


def stateful_template(stage: str, log_retention_days: int) -> dict:
    from ops import stateful

    return _portable(stateful.stateful_template(stage, log_retention_days), set())


def check_portable(text: str) -> None:
    found = [marker for marker in EMULATOR_MARKERS if marker in text]
    if found:
        raise PackageError(f"the template is not portable: it contains {found}")


# ---------------------------------------------------------------- the whole

def package(stage: str, root: pathlib.Path = ROOT, out: pathlib.Path = None, lint: bool = True) -> pathlib.Path:
    """Builds `deployment.zip`, `sam.json` (the app stack) and `stateful.json` for `stage` into `out`."""
    out = out or BUILD / "package"
    source = build_code(root, (out.parent / f"{out.name}-src"))
    config = json.loads((source / ".chalice" / "config.json").read_text())
    if stage not in config["stages"] or stage == "local":
        raise PackageError(f"no deployable stage {stage!r} in .chalice/config.json")
    shutil.rmtree(out, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "OMS_"))}
    # Chalice imports app.py to find its functions: no AWS call is made, but botocore wants a region.
    env.update({"AWS_DEFAULT_REGION": "us-east-1", "PYTHONHASHSEED": "0"})
    bin_dir = pathlib.Path(sys.executable).parent
    subprocess.run([str(bin_dir / "chalice"), "package", "--stage", stage, "--merge-template",
                    ".chalice/merge-template.json", str(out)], cwd=source, check=True, env=env,
                   stdout=subprocess.DEVNULL)
    arch = architecture(root)
    staff_layer.build(root, out, lambda lock, folder: install_vendor(lock, folder, PLATFORMS[arch]), _compile)
    retention = stage_config(stage, source).get("log_retention_in_days", 14)
    app_template = portable_template(json.loads((out / APP_TEMPLATE).read_text()), stage, retention)
    templates = {APP_TEMPLATE: staff_layer.add_to_template(app_template, RUNTIME, arch),
                 STATEFUL_TEMPLATE: stateful_template(stage, retention)}
    for name, template in templates.items():
        text = json.dumps(template, indent=2, sort_keys=True) + "\n"
        check_portable(text)
        (out / name).write_text(text)
    if lint:
        subprocess.run([str(bin_dir / "cfn-lint"), *(str(out / name) for name in templates)], check=True)
    return out


def zip_manifest(zip_path: pathlib.Path) -> Dict[str, str]:
    """Every file of the zip -> sha256 of its content."""
    with zipfile.ZipFile(zip_path) as archive:
        return {name: hashlib.sha256(archive.read(name)).hexdigest() for name in sorted(archive.namelist())
                if not name.endswith("/")}


def functions_of(template: dict) -> List[str]:
    return sorted(name for name, resource in template["Resources"].items()
                  if resource["Type"] == "AWS::Serverless::Function")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.package", description="Build and lint the deployment package")
    parser.add_argument("--stage", default="dev")
    args = parser.parse_args(argv)
    try:
        out = package(args.stage)
    except PackageError as error:
        print(f"make package: {error}", file=sys.stderr)
        return 1
    zip_path = out / "deployment.zip"
    size = zip_path.stat().st_size
    print(f"package: {zip_path} ({size / 1024:.0f} KiB, {len(zip_manifest(zip_path))} files, runtime {RUNTIME}); "
          f"templates {out / APP_TEMPLATE} and {out / STATEFUL_TEMPLATE} pass cfn-lint")
    if size > MAX_ZIP_BYTES:
        print(f"make package: the zip is over {MAX_ZIP_BYTES // 1024} KiB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
