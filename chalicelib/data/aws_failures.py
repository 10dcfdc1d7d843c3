"""Every way an AWS call can fail, classified once.

A failed call is one of:
* **rejected**: the service answered and did not apply the request (a failed
  condition, a cancelled transaction, a validation error): safe to report;
* **unavailable**: no definite answer (timeouts, lost connections,
  throttling, the service's own 5xx). For a read that is a 503. For a write
  it is *ambiguous*: botocore retries timed-out calls, so an attempt may have
  landed even though the last one failed. Writes resolve that before
  answering (`chalicelib.transactions.commit` re-sends with the same
  ClientRequestToken; other writes are conditional and read back).

PynamoDB wraps botocore's errors and its `cause_response_code` raises
AttributeError when the cause is a timeout (requests' exception carries
`response=None`), so codes are read here, never through that property."""
from typing import Optional

from botocore.exceptions import BotoCoreError, ClientError

# Service answers that mean "try again later", not "your request is wrong".
RETRYABLE_CODES = frozenset({
    "ProvisionedThroughputExceededException", "ThrottlingException", "Throttling", "RequestLimitExceeded",
    "TooManyRequestsException", "InternalServerError", "InternalFailure", "InternalServerErrorException",
    "ServiceUnavailable", "ServiceUnavailableException", "SlowDown", "TransactionInProgressException",
    "RequestTimeout", "RequestTimeoutException",
})
# Answers that mean our own resources are missing or our credentials wrong:
# nothing the client did, and nothing a retry by the client fixes soon.
MISCONFIGURED_CODES = frozenset({
    "ResourceNotFoundException", "UnrecognizedClientException", "AccessDeniedException",
    "InvalidSignatureException", "ExpiredTokenException", "NoSuchBucket", "StateMachineDoesNotExist",
})


def _causes(error: Optional[BaseException]):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = getattr(error, "cause", None) or error.__cause__ or error.__context__


def error_code(error: BaseException) -> Optional[str]:
    """The AWS error code of `error` or of what caused it, if a service answered."""
    for cause in _causes(error):
        if isinstance(cause, ClientError):
            return (cause.response or {}).get("Error", {}).get("Code")
    return None


def is_aws_failure(error: BaseException) -> bool:
    return any(isinstance(cause, (BotoCoreError, ClientError)) for cause in _causes(error))


def is_unavailable(error: BaseException) -> bool:
    """No definite answer from AWS (or AWS not usable by this deployment): a 503."""
    if not is_aws_failure(error):
        return False
    code = error_code(error)
    return code is None or code in RETRYABLE_CODES or code in MISCONFIGURED_CODES


def may_have_landed(error: BaseException) -> bool:
    """For a write: could any attempt have been applied? Only a definite
    answer from the service says no."""
    code = error_code(error)
    return code is None or code in RETRYABLE_CODES


def name(error: BaseException) -> str:
    """A short, safe name for logs and 503 bodies (never a message: those can
    carry keys or item values)."""
    code = error_code(error)
    if code:
        return code
    botocore_errors = [cause for cause in _causes(error) if isinstance(cause, BotoCoreError)]
    return type(botocore_errors[0] if botocore_errors else error).__name__
