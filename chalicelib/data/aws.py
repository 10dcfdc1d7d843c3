"""Lazily built, cached AWS clients (other than DynamoDB, see `dynamo`).
Tests swap them by clearing the caches; botocore honours AWS_ENDPOINT_URL*."""
import functools

import botocore.session
from botocore.config import Config

from ..core.settings import get_settings


@functools.lru_cache(maxsize=1)
def _session():
    return botocore.session.get_session()


def _config() -> Config:
    settings = get_settings()
    return Config(
        connect_timeout=settings.aws_timeout_seconds,
        read_timeout=settings.aws_timeout_seconds,
        retries={"total_max_attempts": 3, "mode": "standard"},
    )


@functools.lru_cache(maxsize=1)
def get_sfn_client():
    return _session().create_client("stepfunctions", region_name=get_settings().region, config=_config())


@functools.lru_cache(maxsize=1)
def get_s3_client():
    return _session().create_client("s3", region_name=get_settings().region, config=_config())


@functools.lru_cache(maxsize=1)
def get_sqs_client():
    return _session().create_client("sqs", region_name=get_settings().region, config=_config())


@functools.lru_cache(maxsize=1)
def get_cognito_client():
    return _session().create_client("cognito-idp", region_name=get_settings().region, config=_config())


def reset() -> None:
    for factory in (get_sfn_client, get_s3_client, get_sqs_client, get_cognito_client, _session):
        factory.cache_clear()
