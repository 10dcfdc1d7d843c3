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
  from ..models.order import Order





T = TypeVar("T", bound="OrderChanged")



@_attrs_define
class OrderChanged:
    """ 
        Attributes:
            message (str):
            order (Order):
            order_id (UUID):
            status (OrderStatus):
     """

    message: str
    order: Order
    order_id: UUID
    status: OrderStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.order import Order # noqa: PLC0415
        message = self.message

        order = self.order.to_dict()

        order_id = str(self.order_id)

        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "message": message,
            "order": order,
            "order_id": order_id,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order import Order # noqa: PLC0415
        d = dict(src_dict)
        message = d.pop("message")

        order = Order.from_dict(d.pop("order"))




        order_id = UUID(d.pop("order_id"))




        status = OrderStatus(d.pop("status"))




        order_changed = cls(
            message=message,
            order=order,
            order_id=order_id,
            status=status,
        )


        order_changed.additional_properties = d
        return order_changed

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
