from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="WebhookDeleted")



@_attrs_define
class WebhookDeleted:
    """ 
        Attributes:
            message (str):
            webhook_id (str):
     """

    message: str
    webhook_id: str





    def to_dict(self) -> dict[str, Any]:
        message = self.message

        webhook_id = self.webhook_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "message": message,
            "webhook_id": webhook_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        webhook_id = d.pop("webhook_id")

        webhook_deleted = cls(
            message=message,
            webhook_id=webhook_id,
        )

        return webhook_deleted

