"""A deployed stage's resource names, defined once. Table names, the state
machine's name and the streamed tables come from `chalicelib.core.settings`
(the Lambda reads the same); bucket names are global, so a deployed stage's
carry the account id."""
from dataclasses import replace

from chalicelib.core.settings import Settings, load_settings

APP_NAME = "oms"


def stage_settings(stage: str, account: str, region: str) -> Settings:
    prefix = f"{APP_NAME}-{stage}"
    settings = load_settings({"OMS_STAGE": stage, "AWS_REGION": region})
    return replace(settings, backup_bucket=f"{prefix}-backups-{account}", website_bucket=f"{prefix}-website-{account}")
