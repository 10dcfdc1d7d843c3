from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.bulk_action_name import BulkActionName
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.bulk_order_entry import BulkOrderEntry





T = TypeVar("T", bound="BulkOrderAction")



@_attrs_define
class BulkOrderAction:
    """ 
        Attributes:
            action (BulkActionName):
            order_ids (list[BulkOrderEntry | str]): Each order is changed on its own; an entry is an order id, or (to ship)
                an order with its own tracking_number and carrier, which come before the shared ones. An order named twice is
                422
            carrier (str | Unset): Who carries the shipment (status shipped)
            reason (str | Unset):
            tracking_number (str | Unset): Shipment tracking number (status shipped)
     """

    action: BulkActionName
    order_ids: list[BulkOrderEntry | str]
    carrier: str | Unset = UNSET
    reason: str | Unset = UNSET
    tracking_number: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.bulk_order_entry import BulkOrderEntry # noqa: PLC0415
        action = self.action.value

        order_ids = []
        for order_ids_item_data in self.order_ids:
            order_ids_item: dict[str, Any] | str
            if isinstance(order_ids_item_data, BulkOrderEntry):
                order_ids_item = order_ids_item_data.to_dict()
            else:
                order_ids_item = order_ids_item_data
            order_ids.append(order_ids_item)



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
        from ..models.bulk_order_entry import BulkOrderEntry # noqa: PLC0415
        d = dict(src_dict)
        action = BulkActionName(d.pop("action"))




        order_ids = []
        _order_ids = d.pop("order_ids")
        for order_ids_item_data in (_order_ids):
            def _parse_order_ids_item(data: object) -> BulkOrderEntry | str:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    order_ids_item_type_1 = BulkOrderEntry.from_dict(data)



                    return order_ids_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(BulkOrderEntry | str, data)

            order_ids_item = _parse_order_ids_item(order_ids_item_data)

            order_ids.append(order_ids_item)


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
