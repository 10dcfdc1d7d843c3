from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.order_counts import OrderCounts





T = TypeVar("T", bound="Stats")



@_attrs_define
class Stats:
    """ 
        Attributes:
            orders (OrderCounts):
     """

    orders: OrderCounts





    def to_dict(self) -> dict[str, Any]:
        from ..models.order_counts import OrderCounts # noqa: PLC0415
        orders = self.orders.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "orders": orders,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_counts import OrderCounts # noqa: PLC0415
        d = dict(src_dict)
        orders = OrderCounts.from_dict(d.pop("orders"))




        stats = cls(
            orders=orders,
        )

        return stats

