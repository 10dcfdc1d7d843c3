from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.order_status import OrderStatus
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="OrderSummary")



@_attrs_define
class OrderSummary:
    """ 
        Attributes:
            carrier (None | str):
            created_at (str):
            currency (str):
            customer_id (str):
            customer_name (str):
            item_count (int): units over all lines
            line_count (int):
            order_id (UUID):
            order_number (None | str):
            status (OrderStatus):
            status_reason (None | str):
            total_amount (str):
            tracking_number (None | str):
            updated_at (str):
            version (int):
     """

    carrier: None | str
    created_at: str
    currency: str
    customer_id: str
    customer_name: str
    item_count: int
    line_count: int
    order_id: UUID
    order_number: None | str
    status: OrderStatus
    status_reason: None | str
    total_amount: str
    tracking_number: None | str
    updated_at: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        carrier: None | str
        carrier = self.carrier

        created_at = self.created_at

        currency = self.currency

        customer_id = self.customer_id

        customer_name = self.customer_name

        item_count = self.item_count

        line_count = self.line_count

        order_id = str(self.order_id)

        order_number: None | str
        order_number = self.order_number

        status = self.status.value

        status_reason: None | str
        status_reason = self.status_reason

        total_amount = self.total_amount

        tracking_number: None | str
        tracking_number = self.tracking_number

        updated_at = self.updated_at

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "carrier": carrier,
            "created_at": created_at,
            "currency": currency,
            "customer_id": customer_id,
            "customer_name": customer_name,
            "item_count": item_count,
            "line_count": line_count,
            "order_id": order_id,
            "order_number": order_number,
            "status": status,
            "status_reason": status_reason,
            "total_amount": total_amount,
            "tracking_number": tracking_number,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_carrier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        carrier = _parse_carrier(d.pop("carrier"))


        created_at = d.pop("created_at")

        currency = d.pop("currency")

        customer_id = d.pop("customer_id")

        customer_name = d.pop("customer_name")

        item_count = d.pop("item_count")

        line_count = d.pop("line_count")

        order_id = UUID(d.pop("order_id"))




        def _parse_order_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_number = _parse_order_number(d.pop("order_number"))


        status = OrderStatus(d.pop("status"))




        def _parse_status_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_reason = _parse_status_reason(d.pop("status_reason"))


        total_amount = d.pop("total_amount")

        def _parse_tracking_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_number = _parse_tracking_number(d.pop("tracking_number"))


        updated_at = d.pop("updated_at")

        version = d.pop("version")

        order_summary = cls(
            carrier=carrier,
            created_at=created_at,
            currency=currency,
            customer_id=customer_id,
            customer_name=customer_name,
            item_count=item_count,
            line_count=line_count,
            order_id=order_id,
            order_number=order_number,
            status=status,
            status_reason=status_reason,
            total_amount=total_amount,
            tracking_number=tracking_number,
            updated_at=updated_at,
            version=version,
        )


        order_summary.additional_properties = d
        return order_summary

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
