"""A deployed stage's resource names and Lambda environment, defined once.

Table names, the state machine's name and the streamed tables come from
`chalicelib.core.settings` (the Lambda reads the same); bucket names are
global, so a deployed stage's carry the account id.

A deployed stage is described without knowing the account or region: names
and ARNs are written with CloudFormation's `${AWS::AccountId}` and
`${AWS::Region}`, and what only exists after provisioning (the tables' stream
ARNs) with template parameters (`${OrdersStreamArn}`, ...). `.chalice/` holds
exactly these (tests compare it with this module), `make package` turns every
such string into `Fn::Sub`/`Ref`, and one template deploys to any account."""
from dataclasses import replace
from typing import Dict

from chalicelib.core.settings import STREAMED_TABLES, Settings, load_settings

APP_NAME = "oms"
ACCOUNT = "${AWS::AccountId}"
REGION = "${AWS::Region}"
# The CloudFront distribution serving the website (ops/package.py adds it).
WEBSITE_ORIGIN = "https://${WebsiteDistribution.DomainName}"
API_FUNCTION = "api_handler"
# The template parameter carrying the stage's next_token signing secret
# (made by the first deploy, kept by later ones; never in git).
CURSOR_SECRET_PARAMETER = "CursorSecret"
# The app stack's parameters naming the staff user pool and the console's
# client: the stateful stack's outputs of the same names (make deploy passes them).
USER_POOL_PARAMETER = "StaffUserPoolId"
USER_POOL_CLIENT_PARAMETER = "StaffConsoleClientId"


def stage_settings(stage: str, account: str, region: str) -> Settings:
    prefix = f"{APP_NAME}-{stage}"
    settings = load_settings({"OMS_STAGE": stage, "AWS_REGION": region})
    return replace(settings, backup_bucket=f"{prefix}-backups-{account}", website_bucket=f"{prefix}-website-{account}")


def stream_parameter(kind: str) -> str:
    """The template parameter carrying a table's stream ARN."""
    return f"{kind.capitalize()}StreamArn"


def state_machine_arn(settings: Settings, account: str = ACCOUNT) -> str:
    return f"arn:aws:states:{settings.region}:{account}:stateMachine:{settings.state_machine_name}"


def webhook_queue_arn(settings: Settings, account: str = ACCOUNT) -> str:
    return f"arn:aws:sqs:{settings.region}:{account}:{settings.webhooks.queue_name}"


def stream_failures_queue_arn(settings: Settings, account: str = ACCOUNT) -> str:
    """The on-failure destination of every stream mapping."""
    return f"arn:aws:sqs:{settings.region}:{account}:{settings.stream_failures_queue}"


def user_pool_arn(settings: Settings, account: str = ACCOUNT) -> str:
    return f"arn:aws:cognito-idp:{settings.region}:{account}:userpool/${{{USER_POOL_PARAMETER}}}"


def webhook_queue_url(settings: Settings, account: str = ACCOUNT) -> str:
    return f"https://sqs.{settings.region}.amazonaws.com/{account}/{settings.webhooks.queue_name}"


def stage_environment(stage: str) -> Dict[str, str]:
    """The Lambda environment of a deployed stage, account- and region-free."""
    settings = stage_settings(stage, ACCOUNT, REGION)
    env = {
        "OMS_STAGE": settings.stage,
        "OMS_RESOURCE_PREFIX": settings.resource_prefix,
        "OMS_ORDERS_TABLE": settings.orders_table,
        "OMS_PRODUCTS_TABLE": settings.products_table,
        "OMS_CUSTOMERS_TABLE": settings.customers_table,
        "OMS_COUNTERS_TABLE": settings.counters_table,
        "OMS_API_KEYS_TABLE": settings.api_keys_table,
        "OMS_IDEMPOTENCY_TABLE": settings.idempotency_table,
        "OMS_WEBHOOKS_TABLE": settings.webhooks_table,
        "OMS_SEARCH_TABLE": settings.search_table,
        "OMS_WEBHOOK_QUEUE_URL": webhook_queue_url(settings),
        "OMS_WEBHOOK_QUEUE_ARN": webhook_queue_arn(settings),
        "OMS_BACKUP_BUCKET": settings.backup_bucket,
        "OMS_WEBSITE_BUCKET": settings.website_bucket,
        "OMS_STATE_MACHINE_ARN": state_machine_arn(settings),
        "OMS_CORS_ORIGIN": WEBSITE_ORIGIN,
        "OMS_CURSOR_SECRET": "${%s}" % CURSOR_SECRET_PARAMETER,
        "OMS_USER_POOL_ID": "${%s}" % USER_POOL_PARAMETER,
        "OMS_USER_POOL_CLIENT_ID": "${%s}" % USER_POOL_CLIENT_PARAMETER,
    }
    for kind in STREAMED_TABLES:
        env[f"OMS_{kind.upper()}_STREAM_ARN"] = "${%s}" % stream_parameter(kind)
    return env


def resolve(value: str, account: str, region: str) -> str:
    """A stage string with the account and region filled in (tools that talk
    to a deployed stage from a laptop: keys, restore)."""
    return value.replace(ACCOUNT, account).replace(REGION, region)
