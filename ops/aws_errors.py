"""What an operator reads when a deploy tool cannot talk to AWS: no
credentials, expired ones, a missing permission or a failed stack, each as
one sentence saying what to do, never a traceback."""
import sys
from typing import Callable, Optional

from botocore.exceptions import (
    ClientError,
    NoCredentialsError,
    NoRegionError,
    PartialCredentialsError,
    TokenRetrievalError,
    UnauthorizedSSOTokenError,
    WaiterError,
)

PERMISSION_CODES = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
                    "UnauthorizedAccess"}
CREDENTIAL_CODES = {"ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "UnrecognizedClientException",
                    "SignatureDoesNotMatch", "InvalidAccessKeyId", "RequestExpired"}
NO_CREDENTIALS = ("no AWS credentials found: set AWS_PROFILE (and run `aws sso login`) or AWS_ACCESS_KEY_ID and "
                  "AWS_SECRET_ACCESS_KEY, then check them with `aws sts get-caller-identity`")


def readable(error: Exception) -> Optional[str]:
    """One line for an AWS failure an operator can fix, or None for anything else."""
    if isinstance(error, (NoCredentialsError, PartialCredentialsError)):
        return NO_CREDENTIALS
    if isinstance(error, (TokenRetrievalError, UnauthorizedSSOTokenError)):
        return f"the SSO session has expired: run `aws sso login` ({error})"
    if isinstance(error, NoRegionError):
        return "no AWS region: set AWS_REGION (or the profile's region)"
    if isinstance(error, WaiterError):
        reason = (error.last_response or {}).get("Stacks", [{}])[0].get("StackStatusReason") or error.kwargs.get("reason")
        return (f"CloudFormation did not finish ({reason or error}); its events say why: "
                "aws cloudformation describe-stack-events --stack-name <stack>")
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "")
        message = error.response.get("Error", {}).get("Message", "")
        if code in PERMISSION_CODES:
            return (f"AWS refused {error.operation_name} ({code}): {message}. The deployer needs the permissions "
                    "listed in docs/operations.md, \"Prerequisites\"")
        if code in CREDENTIAL_CODES:
            return f"AWS did not accept the credentials ({code}: {message}): renew them (`aws sso login`, new keys)"
    return None


def run(tool: str, main: Callable[[], int]) -> int:
    """`main()`, with the AWS failures above printed as `<tool>: <sentence>` (exit 1)."""
    try:
        return main()
    except Exception as error:  # noqa: BLE001 - only what `readable` knows is caught; the rest is raised again
        sentence = readable(error)
        if sentence is None:
            raise
        print(f"{tool}: {sentence}", file=sys.stderr)
        return 1
