"""The staff's Cognito user pool: its CloudFormation resources (for the
stateful stack, beside the tables), the API function's least-privilege
statement on it, and the same pool made in the emulator by `make run`.

The pool signs people in by e-mail; the console's app client has no secret
(a browser cannot keep one) and allows only the password and refresh flows;
the three groups are the roles of chalicelib/domain/staff_tokens.py."""
from typing import Dict, List, Optional, Tuple

from ops.stage import USER_POOL_CLIENT_PARAMETER, USER_POOL_PARAMETER

ROLES = ("viewer", "fulfilment", "manager")
ROLE_DESCRIPTIONS = {"viewer": "Sees orders, the catalog and customers",
                     "fulfilment": "Also creates, edits, ships and cancels orders",
                     "manager": "Also changes the catalog and webhooks and manages staff"}
CLIENT_NAME = "console"
AUTH_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
ACCESS_TOKEN_MINUTES = 60
ID_TOKEN_MINUTES = 60
REFRESH_TOKEN_DAYS = 30
PASSWORD_POLICY = {"MinimumLength": 12, "RequireUppercase": True, "RequireLowercase": True, "RequireNumbers": True,
                   "RequireSymbols": False, "TemporaryPasswordValidityDays": 7}
# Every Cognito call the API makes, on the stage's pool alone: the staff page
# (list, invite, change a role, disable with a sign-out everywhere, enable
# again), a person's name for an access token (AdminGetUser) and their last
# sign-in.
API_ACTIONS = sorted([
    "cognito-idp:ListUsers", "cognito-idp:AdminListGroupsForUser", "cognito-idp:AdminGetUser",
    "cognito-idp:AdminCreateUser", "cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminRemoveUserFromGroup",
    "cognito-idp:AdminDisableUser", "cognito-idp:AdminEnableUser", "cognito-idp:AdminUserGlobalSignOut",
    "cognito-idp:AdminUpdateUserAttributes",  # the last sign-in, kept on the person's account
])
# Kept on each account by the API (chalicelib/data/staff_directory.py): Cognito lists no last sign-in.
LAST_SIGN_IN_ATTRIBUTE = {"Name": "last_sign_in", "AttributeDataType": "String", "Mutable": True}
POOL_LOGICAL_ID = "StaffUserPool"
CLIENT_LOGICAL_ID = "StaffConsoleClient"


def pool_name(resource_prefix: str) -> str:
    return f"{resource_prefix}-staff"


# ---------------------------------------------------------------- CloudFormation

def template_parameters() -> Dict[str, dict]:
    return {
        "StaffPasswordMinimumLength": {"Type": "Number", "Default": PASSWORD_POLICY["MinimumLength"], "MinValue": 8,
                                       "MaxValue": 99, "Description": "Staff passwords: at least this many characters"},
        "StaffMfa": {"Type": "String", "Default": "OPTIONAL", "AllowedValues": ["OFF", "OPTIONAL", "ON"],
                     "Description": "Staff sign-in's second factor (TOTP authenticator apps): off, optional or required"},
    }


def template_resources(resource_prefix: str) -> Dict[str, dict]:
    """The pool and the three groups (kept when the stack goes: people's
    accounts and roles are data; `make adopt` imports them back), the
    console's client (no data: a new one gets a new id, which the deploy
    writes to the website's config.json); uses `template_parameters()`."""
    pool = {"Ref": POOL_LOGICAL_ID}
    resources = {
        POOL_LOGICAL_ID: {
            "Type": "AWS::Cognito::UserPool",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                "UserPoolName": pool_name(resource_prefix),
                "UsernameAttributes": ["email"],
                "AutoVerifiedAttributes": ["email"],
                "Schema": [{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
                           {"Name": "name", "AttributeDataType": "String", "Required": False, "Mutable": True},
                           LAST_SIGN_IN_ATTRIBUTE],
                "Policies": {"PasswordPolicy": {**PASSWORD_POLICY, "MinimumLength": {"Ref": "StaffPasswordMinimumLength"}}},
                "MfaConfiguration": {"Ref": "StaffMfa"},
                "EnabledMfas": ["SOFTWARE_TOKEN_MFA"],
                "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True},
                "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
                "UserPoolTags": {"oms:resource-prefix": resource_prefix},
            },
        },
        CLIENT_LOGICAL_ID: {
            "Type": "AWS::Cognito::UserPoolClient",
            "Properties": {
                "UserPoolId": pool, "ClientName": CLIENT_NAME, "GenerateSecret": False,
                "ExplicitAuthFlows": AUTH_FLOWS, "PreventUserExistenceErrors": "ENABLED", "EnableTokenRevocation": True,
                "AccessTokenValidity": ACCESS_TOKEN_MINUTES, "IdTokenValidity": ID_TOKEN_MINUTES,
                "RefreshTokenValidity": REFRESH_TOKEN_DAYS,
                "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
                "ReadAttributes": ["email", "name"],
            },
        },
    }
    for role in ROLES:
        resources[f"Staff{role.capitalize()}Group"] = {
            "Type": "AWS::Cognito::UserPoolGroup",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {"UserPoolId": pool, "GroupName": role, "Description": ROLE_DESCRIPTIONS[role]},
        }
    return resources


def template_outputs() -> Dict[str, dict]:
    """Named as the app stack's parameters that take them (ops/stage.py)."""
    return {USER_POOL_PARAMETER: {"Description": "The staff user pool (the app stack's parameter)",
                                  "Value": {"Ref": POOL_LOGICAL_ID}},
            "StaffUserPoolArn": {"Value": {"Fn::GetAtt": [POOL_LOGICAL_ID, "Arn"]}},
            USER_POOL_CLIENT_PARAMETER: {"Description": "The console's app client (the app stack's parameter; "
                                                        "the website's config.json)",
                                         "Value": {"Ref": CLIENT_LOGICAL_ID}}}


def api_policy_statement(pool_arn) -> dict:
    """The API function's grant on the pool: the staff page's admin calls only."""
    return {"Sid": "StaffDirectory", "Effect": "Allow", "Action": API_ACTIONS, "Resource": pool_arn}


# ---------------------------------------------------------------- the emulator (make run)

def provision(cognito, resource_prefix: str) -> Tuple[str, str]:
    """The pool, client and groups, as the template makes them (moto's
    Cognito takes the same calls); again on the same emulator: found, not
    made twice. Returns (pool id, client id)."""
    name = pool_name(resource_prefix)
    pool_id = find_pool(cognito, name)
    if pool_id is None:
        pool_id = cognito.create_user_pool(
            PoolName=name, UsernameAttributes=["email"], AutoVerifiedAttributes=["email"],
            Policies={"PasswordPolicy": PASSWORD_POLICY}, MfaConfiguration="OFF",
            AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
            Schema=[{"Name": "name", "AttributeDataType": "String", "Mutable": True},
                    LAST_SIGN_IN_ATTRIBUTE])["UserPool"]["Id"]
    clients = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    client_id = next((client["ClientId"] for client in clients if client["ClientName"] == CLIENT_NAME), None)
    if client_id is None:
        client_id = cognito.create_user_pool_client(
            UserPoolId=pool_id, ClientName=CLIENT_NAME, GenerateSecret=False, ExplicitAuthFlows=AUTH_FLOWS,
            EnableTokenRevocation=True, AccessTokenValidity=ACCESS_TOKEN_MINUTES, IdTokenValidity=ID_TOKEN_MINUTES,
            RefreshTokenValidity=REFRESH_TOKEN_DAYS, ReadAttributes=["email", "name"],
            TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
        )["UserPoolClient"]["ClientId"]
    existing = {group["GroupName"] for group in cognito.list_groups(UserPoolId=pool_id)["Groups"]}
    for role in ROLES:
        if role not in existing:
            cognito.create_group(UserPoolId=pool_id, GroupName=role, Description=ROLE_DESCRIPTIONS[role])
    return pool_id, client_id


def find_pool(cognito, name: str) -> Optional[str]:
    """The id of the pool of that name, or None."""
    for page in cognito.get_paginator("list_user_pools").paginate(MaxResults=60):
        for pool in page["UserPools"]:
            if pool["Name"] == name:
                return pool["Id"]
    return None


def add_person(cognito, pool_id: str, email: str, name: str, role: str, *, password: Optional[str] = None,
               temporary_password: Optional[str] = None) -> None:
    """A person with a role: with `password`, able to sign in with it at once
    (the demo manager); else with a temporary password (given, or Cognito's)
    to change at their first sign-in, as an invited person."""
    try:
        cognito.admin_create_user(UserPoolId=pool_id, Username=email, MessageAction="SUPPRESS",
                                  UserAttributes=_attributes(email, name),
                                  **({"TemporaryPassword": temporary_password} if temporary_password else {}))
    except cognito.exceptions.UsernameExistsException:
        pass
    if password:
        cognito.admin_set_user_password(UserPoolId=pool_id, Username=email, Password=password, Permanent=True)
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username=email, GroupName=role)


def _attributes(email: str, name: str) -> List[dict]:
    return [{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}, {"Name": "name", "Value": name}]
