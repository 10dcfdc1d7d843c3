"""Domain errors: plain exceptions, mapped to HTTP responses in one place
(`chalicelib.web.error_response`). Each carries a message safe to show a client."""


class DomainError(Exception):
    status_code = 500

    def __init__(self, message: str, **details):
        super().__init__(message)
        self.message = message
        self.details = details


class ValidationError(DomainError):
    """The request is malformed or names something that does not exist in it."""
    status_code = 400


class Forbidden(DomainError):
    status_code = 403

    def __init__(self, message: str = "Forbidden"):
        super().__init__(message)


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    """The request is valid but the current state of the resource forbids it."""
    status_code = 409


class PreconditionFailed(DomainError):
    status_code = 412


class PayloadTooLarge(DomainError):
    status_code = 413


class UnsupportedMediaType(DomainError):
    status_code = 415


class Unprocessable(DomainError):
    status_code = 422


class ServiceUnavailable(DomainError):
    """A dependency (DynamoDB, Step Functions) could not be reached."""
    status_code = 503

    def __init__(self, message: str = "Service unavailable", **details):
        super().__init__(message, **details)
