from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.order_status import OrderStatus
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.history_entry import HistoryEntry
  from ..models.order_line import OrderLine
  from ..models.postal_address import PostalAddress





T = TypeVar("T", bound="Order")



@_attrs_define
class Order:
    """ 
        Attributes:
            carrier (None | str):
            created_at (str):
            currency (str):
            customer_email (None | str):
            customer_id (str):
            customer_name (str):
            execution_arn (None | str):
            history (list[HistoryEntry]):
            item_count (int): units over all lines
            items (list[OrderLine]):
            line_count (int):
            order_id (UUID):
            order_number (None | str):
            shipping_address (None | PostalAddress):
            status (OrderStatus):
            status_reason (None | str):
            stock_reserved (bool):
            total_amount (str):
            tracking_number (None | str):
            updated_at (str):
            version (int):
            workflow_attempt (int):
     """

    carrier: None | str
    created_at: str
    currency: str
    customer_email: None | str
    customer_id: str
    customer_name: str
    execution_arn: None | str
    history: list[HistoryEntry]
    item_count: int
    items: list[OrderLine]
    line_count: int
    order_id: UUID
    order_number: None | str
    shipping_address: None | PostalAddress
    status: OrderStatus
    status_reason: None | str
    stock_reserved: bool
    total_amount: str
    tracking_number: None | str
    updated_at: str
    version: int
    workflow_attempt: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.history_entry import HistoryEntry # noqa: PLC0415
        from ..models.order_line import OrderLine # noqa: PLC0415
        from ..models.postal_address import PostalAddress # noqa: PLC0415
        carrier: None | str
        carrier = self.carrier

        created_at = self.created_at

        currency = self.currency

        customer_email: None | str
        customer_email = self.customer_email

        customer_id = self.customer_id

        customer_name = self.customer_name

        execution_arn: None | str
        execution_arn = self.execution_arn

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)



        item_count = self.item_count

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        line_count = self.line_count

        order_id = str(self.order_id)

        order_number: None | str
        order_number = self.order_number

        shipping_address: dict[str, Any] | None
        if isinstance(self.shipping_address, PostalAddress):
            shipping_address = self.shipping_address.to_dict()
        else:
            shipping_address = self.shipping_address

        status = self.status.value

        status_reason: None | str
        status_reason = self.status_reason

        stock_reserved = self.stock_reserved

        total_amount = self.total_amount

        tracking_number: None | str
        tracking_number = self.tracking_number

        updated_at = self.updated_at

        version = self.version

        workflow_attempt = self.workflow_attempt


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "carrier": carrier,
            "created_at": created_at,
            "currency": currency,
            "customer_email": customer_email,
            "customer_id": customer_id,
            "customer_name": customer_name,
            "execution_arn": execution_arn,
            "history": history,
            "item_count": item_count,
            "items": items,
            "line_count": line_count,
            "order_id": order_id,
            "order_number": order_number,
            "shipping_address": shipping_address,
            "status": status,
            "status_reason": status_reason,
            "stock_reserved": stock_reserved,
            "total_amount": total_amount,
            "tracking_number": tracking_number,
            "updated_at": updated_at,
            "version": version,
            "workflow_attempt": workflow_attempt,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.history_entry import HistoryEntry # noqa: PLC0415
        from ..models.order_line import OrderLine # noqa: PLC0415
        from ..models.postal_address import PostalAddress # noqa: PLC0415
        d = dict(src_dict)
        def _parse_carrier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        carrier = _parse_carrier(d.pop("carrier"))


        created_at = d.pop("created_at")

        currency = d.pop("currency")

        def _parse_customer_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        customer_email = _parse_customer_email(d.pop("customer_email"))


        customer_id = d.pop("customer_id")

        customer_name = d.pop("customer_name")

        def _parse_execution_arn(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        execution_arn = _parse_execution_arn(d.pop("execution_arn"))


        history = []
        _history = d.pop("history")
        for history_item_data in (_history):
            history_item = HistoryEntry.from_dict(history_item_data)



            history.append(history_item)


        item_count = d.pop("item_count")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = OrderLine.from_dict(items_item_data)



            items.append(items_item)


        line_count = d.pop("line_count")

        order_id = UUID(d.pop("order_id"))




        def _parse_order_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_number = _parse_order_number(d.pop("order_number"))


        def _parse_shipping_address(data: object) -> None | PostalAddress:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                shipping_address_type_0 = PostalAddress.from_dict(data)



                return shipping_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PostalAddress, data)

        shipping_address = _parse_shipping_address(d.pop("shipping_address"))


        status = OrderStatus(d.pop("status"))




        def _parse_status_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_reason = _parse_status_reason(d.pop("status_reason"))


        stock_reserved = d.pop("stock_reserved")

        total_amount = d.pop("total_amount")

        def _parse_tracking_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_number = _parse_tracking_number(d.pop("tracking_number"))


        updated_at = d.pop("updated_at")

        version = d.pop("version")

        workflow_attempt = d.pop("workflow_attempt")

        order = cls(
            carrier=carrier,
            created_at=created_at,
            currency=currency,
            customer_email=customer_email,
            customer_id=customer_id,
            customer_name=customer_name,
            execution_arn=execution_arn,
            history=history,
            item_count=item_count,
            items=items,
            line_count=line_count,
            order_id=order_id,
            order_number=order_number,
            shipping_address=shipping_address,
            status=status,
            status_reason=status_reason,
            stock_reserved=stock_reserved,
            total_amount=total_amount,
            tracking_number=tracking_number,
            updated_at=updated_at,
            version=version,
            workflow_attempt=workflow_attempt,
        )


        order.additional_properties = d
        return order

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
