from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.order_summary import OrderSummary
  from ..models.pagination import Pagination





T = TypeVar("T", bound="OrderList")



@_attrs_define
class OrderList:
    """ 
        Attributes:
            next_token (None | str):
            orders (list[OrderSummary]):
            pagination (Pagination):
     """

    next_token: None | str
    orders: list[OrderSummary]
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.order_summary import OrderSummary # noqa: PLC0415
        from ..models.pagination import Pagination # noqa: PLC0415
        next_token: None | str
        next_token = self.next_token

        orders = []
        for orders_item_data in self.orders:
            orders_item = orders_item_data.to_dict()
            orders.append(orders_item)



        pagination = self.pagination.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "next_token": next_token,
            "orders": orders,
            "pagination": pagination,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_summary import OrderSummary # noqa: PLC0415
        from ..models.pagination import Pagination # noqa: PLC0415
        d = dict(src_dict)
        def _parse_next_token(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_token = _parse_next_token(d.pop("next_token"))


        orders = []
        _orders = d.pop("orders")
        for orders_item_data in (_orders):
            orders_item = OrderSummary.from_dict(orders_item_data)



            orders.append(orders_item)


        pagination = Pagination.from_dict(d.pop("pagination"))




        order_list = cls(
            next_token=next_token,
            orders=orders,
            pagination=pagination,
        )


        order_list.additional_properties = d
        return order_list

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
