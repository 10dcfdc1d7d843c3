"""The staff user pool's CloudFormation resources, as the stateful template
`make package` writes holds them, and the API's grant on it."""
import json
import re
import subprocess

from ops import package, staff_pool
from tests.support import ROOT


def template():
    return package.stateful_template("dev", 14)


def test_the_pool_is_kept_its_client_has_no_secret_and_sane_token_lifetimes():
    stateful = template()
    resources = stateful["Resources"]
    pool = resources[staff_pool.POOL_LOGICAL_ID]
    assert pool["DeletionPolicy"] == pool["UpdateReplacePolicy"] == "Retain"
    assert pool["Properties"]["UserPoolName"] == "oms-dev-staff"
    assert {"StaffMfa", "StaffPasswordMinimumLength"} <= set(stateful["Parameters"])
    assert stateful["Outputs"]["StaffUserPoolId"]["Value"] == {"Ref": staff_pool.POOL_LOGICAL_ID}
    assert stateful["Outputs"]["StaffConsoleClientId"]["Value"] == {"Ref": staff_pool.CLIENT_LOGICAL_ID}
    assert pool["Properties"]["MfaConfiguration"] == {"Ref": "StaffMfa"}
    assert pool["Properties"]["Policies"]["PasswordPolicy"]["MinimumLength"] == {"Ref": "StaffPasswordMinimumLength"}
    client = resources[staff_pool.CLIENT_LOGICAL_ID]["Properties"]
    assert client["GenerateSecret"] is False and client["EnableTokenRevocation"] is True
    assert 15 <= client["AccessTokenValidity"] <= 60 and 15 <= client["IdTokenValidity"] <= 60
    assert client["RefreshTokenValidity"] == 30 and client["TokenValidityUnits"]["RefreshToken"] == "days"
    groups = [r for r in resources.values() if r["Type"] == "AWS::Cognito::UserPoolGroup"]
    assert {group["Properties"]["GroupName"] for group in groups} == {"viewer", "fulfilment", "manager"}
    assert all(group["DeletionPolicy"] == "Retain" for group in groups)  # people's roles outlive the stack


def test_the_template_passes_cfn_lint(tmp_path):
    path = tmp_path / "stateful.json"
    path.write_text(json.dumps(template()))
    lint = subprocess.run([str(ROOT / ".venv" / "bin" / "cfn-lint"), str(path)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_the_api_may_make_only_the_cognito_calls_its_code_makes_on_that_pool():
    """The committed policy of each deployed stage: one Cognito statement, on
    the stage's pool (the app stack's StaffUserPoolId parameter) alone."""
    for stage in ("dev", "prod"):
        document = json.loads((ROOT / ".chalice" / f"policy-{stage}-api_handler.json").read_text())
        statements = [s for s in document["Statement"] if any(a.startswith("cognito-idp:") for a in s["Action"])]
        assert [s["Resource"] for s in statements] == [
            ["arn:aws:cognito-idp:${AWS::Region}:${AWS::AccountId}:userpool/${StaffUserPoolId}"]], stage
    statement, = statements
    called = set()
    for path in (ROOT / "chalicelib").rglob("*.py"):
        for method in re.findall(r"get_cognito_client\(\)\.(\w+)\(", path.read_text()):
            called.add("cognito-idp:" + "".join(part.title() for part in method.split("_")))
    assert called and called <= set(statement["Action"]), called - set(statement["Action"])
    assert all(re.fullmatch(r"cognito-idp:(Admin\w+|ListUsers)", action) for action in statement["Action"])
    assert not [action for action in statement["Action"] if "*" in action]


def test_make_run_prints_the_sign_in_page_and_the_demo_manager_not_a_key_link():
    from ops import run_local

    banner = run_local.LocalStack(api_port=8000, web_port=8080, aws_port=5000, api_key="local-key").banner()
    assert "Open       http://127.0.0.1:8080   (the console's sign-in page)" in banner
    assert f"{run_local.DEMO_MANAGER['email']} / {run_local.DEMO_MANAGER['password']}" in banner
    assert "#api=" not in banner and "key=local-key" not in banner
