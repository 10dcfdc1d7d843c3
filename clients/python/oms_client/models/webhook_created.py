from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.webhook import Webhook





T = TypeVar("T", bound="WebhookCreated")



@_attrs_define
class WebhookCreated:
    """ 
        Attributes:
            message (str):
            secret (str): The signing secret, shown only in this response: keep it to verify the webhook-signature header
            webhook (Webhook):
     """

    message: str
    secret: str
    webhook: Webhook





    def to_dict(self) -> dict[str, Any]:
        from ..models.webhook import Webhook # noqa: PLC0415
        message = self.message

        secret = self.secret

        webhook = self.webhook.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "message": message,
            "secret": secret,
            "webhook": webhook,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook import Webhook # noqa: PLC0415
        d = dict(src_dict)
        message = d.pop("message")

        secret = d.pop("secret")

        webhook = Webhook.from_dict(d.pop("webhook"))




        webhook_created = cls(
            message=message,
            secret=secret,
            webhook=webhook,
        )

        return webhook_created

