from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="OrderItem")



@_attrs_define
class OrderItem:
    """ 
        Attributes:
            product_id (str):
            quantity (int):
     """

    product_id: str
    quantity: int





    def to_dict(self) -> dict[str, Any]:
        product_id = self.product_id

        quantity = self.quantity


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "product_id": product_id,
            "quantity": quantity,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        product_id = d.pop("product_id")

        quantity = d.pop("quantity")

        order_item = cls(
            product_id=product_id,
            quantity=quantity,
        )

        return order_item

