from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="OrderLine")



@_attrs_define
class OrderLine:
    """ 
        Attributes:
            line_total (str):
            price (str):
            product_id (str):
            product_name (str):
            quantity (int):
     """

    line_total: str
    price: str
    product_id: str
    product_name: str
    quantity: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        line_total = self.line_total

        price = self.price

        product_id = self.product_id

        product_name = self.product_name

        quantity = self.quantity


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "line_total": line_total,
            "price": price,
            "product_id": product_id,
            "product_name": product_name,
            "quantity": quantity,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        line_total = d.pop("line_total")

        price = d.pop("price")

        product_id = d.pop("product_id")

        product_name = d.pop("product_name")

        quantity = d.pop("quantity")

        order_line = cls(
            line_total=line_total,
            price=price,
            product_id=product_id,
            product_name=product_name,
            quantity=quantity,
        )


        order_line.additional_properties = d
        return order_line

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
