"""moto evaluates bucket policies on object requests but ignores condition
operators it does not know (`Bool`), so a TLS-only Deny (`aws:SecureTransport`
false) denies every request. Requests to the in-process mock are HTTPS (the
SDK's default endpoints), for which AWS never applies that statement: this
fixture makes moto evaluate the policy without it."""
import json

import pytest

TLS_CONDITION = {"Bool": {"aws:SecureTransport": "false"}}


@pytest.fixture
def https_requests(monkeypatch):
    from moto.iam.access_control import IAMPolicy, PermissionResult
    from moto.s3.models import FakeBucket

    def get_permission(bucket, action, resource):
        if bucket.policy is None:
            return PermissionResult.NEUTRAL
        policy = json.loads(bucket.policy.decode() if isinstance(bucket.policy, bytes) else bucket.policy)
        policy["Statement"] = [s for s in policy["Statement"] if s.get("Condition") != TLS_CONDITION]
        if not policy["Statement"]:
            return PermissionResult.NEUTRAL
        return IAMPolicy(json.dumps(policy)).is_action_permitted(action, resource)

    monkeypatch.setattr(FakeBucket, "get_permission", get_permission)
