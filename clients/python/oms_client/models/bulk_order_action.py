from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.bulk_action_name import BulkActionName
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="BulkOrderAction")



@_attrs_define
class BulkOrderAction:
    """ 
        Attributes:
            action (BulkActionName):
            order_ids (list[str]): Each order is changed on its own; an id given twice is refused
            carrier (str | Unset): Who carries the shipment (status shipped)
            reason (str | Unset):
            tracking_number (str | Unset): Shipment tracking number (status shipped)
     """

    action: BulkActionName
    order_ids: list[str]
    carrier: str | Unset = UNSET
    reason: str | Unset = UNSET
    tracking_number: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        order_ids = self.order_ids



        carrier = self.carrier

        reason = self.reason

        tracking_number = self.tracking_number


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "order_ids": order_ids,
        })
        if carrier is not UNSET:
            field_dict["carrier"] = carrier
        if reason is not UNSET:
            field_dict["reason"] = reason
        if tracking_number is not UNSET:
            field_dict["tracking_number"] = tracking_number

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = BulkActionName(d.pop("action"))




        order_ids = cast(list[str], d.pop("order_ids"))


        carrier = d.pop("carrier", UNSET)

        reason = d.pop("reason", UNSET)

        tracking_number = d.pop("tracking_number", UNSET)

        bulk_order_action = cls(
            action=action,
            order_ids=order_ids,
            carrier=carrier,
            reason=reason,
            tracking_number=tracking_number,
        )


        bulk_order_action.additional_properties = d
        return bulk_order_action

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
