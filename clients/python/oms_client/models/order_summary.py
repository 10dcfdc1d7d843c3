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
            created_at (str):
            currency (str):
            customer_id (str):
            customer_name (str):
            item_count (int): units over all lines
            line_count (int):
            order_id (UUID):
            status (OrderStatus):
            status_reason (None | str):
            total_amount (str):
            updated_at (str):
            version (int):
     """

    created_at: str
    currency: str
    customer_id: str
    customer_name: str
    item_count: int
    line_count: int
    order_id: UUID
    status: OrderStatus
    status_reason: None | str
    total_amount: str
    updated_at: str
    version: int





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        currency = self.currency

        customer_id = self.customer_id

        customer_name = self.customer_name

        item_count = self.item_count

        line_count = self.line_count

        order_id = str(self.order_id)

        status = self.status.value

        status_reason: None | str
        status_reason = self.status_reason

        total_amount = self.total_amount

        updated_at = self.updated_at

        version = self.version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "created_at": created_at,
            "currency": currency,
            "customer_id": customer_id,
            "customer_name": customer_name,
            "item_count": item_count,
            "line_count": line_count,
            "order_id": order_id,
            "status": status,
            "status_reason": status_reason,
            "total_amount": total_amount,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = d.pop("created_at")

        currency = d.pop("currency")

        customer_id = d.pop("customer_id")

        customer_name = d.pop("customer_name")

        item_count = d.pop("item_count")

        line_count = d.pop("line_count")

        order_id = UUID(d.pop("order_id"))




        status = OrderStatus(d.pop("status"))




        def _parse_status_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_reason = _parse_status_reason(d.pop("status_reason"))


        total_amount = d.pop("total_amount")

        updated_at = d.pop("updated_at")

        version = d.pop("version")

        order_summary = cls(
            created_at=created_at,
            currency=currency,
            customer_id=customer_id,
            customer_name=customer_name,
            item_count=item_count,
            line_count=line_count,
            order_id=order_id,
            status=status,
            status_reason=status_reason,
            total_amount=total_amount,
            updated_at=updated_at,
            version=version,
        )

        return order_summary

