from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="BulkOrderEntry")



@_attrs_define
class BulkOrderEntry:
    """ An order with its own tracking number and carrier (action ship)

        Attributes:
            order_id (str):
            carrier (str | Unset): Who carries the shipment (status shipped)
            tracking_number (str | Unset): Shipment tracking number (status shipped)
     """

    order_id: str
    carrier: str | Unset = UNSET
    tracking_number: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        carrier = self.carrier

        tracking_number = self.tracking_number


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "order_id": order_id,
        })
        if carrier is not UNSET:
            field_dict["carrier"] = carrier
        if tracking_number is not UNSET:
            field_dict["tracking_number"] = tracking_number

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = d.pop("order_id")

        carrier = d.pop("carrier", UNSET)

        tracking_number = d.pop("tracking_number", UNSET)

        bulk_order_entry = cls(
            order_id=order_id,
            carrier=carrier,
            tracking_number=tracking_number,
        )

        return bulk_order_entry

