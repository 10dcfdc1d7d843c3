from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.delivery import Delivery





T = TypeVar("T", bound="DeliveryQueued")



@_attrs_define
class DeliveryQueued:
    """ 
        Attributes:
            delivery (Delivery):
            message (str):
     """

    delivery: Delivery
    message: str





    def to_dict(self) -> dict[str, Any]:
        from ..models.delivery import Delivery # noqa: PLC0415
        delivery = self.delivery.to_dict()

        message = self.message


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "delivery": delivery,
            "message": message,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery import Delivery # noqa: PLC0415
        d = dict(src_dict)
        delivery = Delivery.from_dict(d.pop("delivery"))




        message = d.pop("message")

        delivery_queued = cls(
            delivery=delivery,
            message=message,
        )

        return delivery_queued

