from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="CreateProductRequest")



@_attrs_define
class CreateProductRequest:
    """ 
        Attributes:
            price (str):
            product_id (str):
            product_name (str):
            category (str | Unset):
            description (str | Unset):
            stock_quantity (int | Unset):
     """

    price: str
    product_id: str
    product_name: str
    category: str | Unset = UNSET
    description: str | Unset = UNSET
    stock_quantity: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        price = self.price

        product_id = self.product_id

        product_name = self.product_name

        category = self.category

        description = self.description

        stock_quantity = self.stock_quantity


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "price": price,
            "product_id": product_id,
            "product_name": product_name,
        })
        if category is not UNSET:
            field_dict["category"] = category
        if description is not UNSET:
            field_dict["description"] = description
        if stock_quantity is not UNSET:
            field_dict["stock_quantity"] = stock_quantity

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        price = d.pop("price")

        product_id = d.pop("product_id")

        product_name = d.pop("product_name")

        category = d.pop("category", UNSET)

        description = d.pop("description", UNSET)

        stock_quantity = d.pop("stock_quantity", UNSET)

        create_product_request = cls(
            price=price,
            product_id=product_id,
            product_name=product_name,
            category=category,
            description=description,
            stock_quantity=stock_quantity,
        )

        return create_product_request

