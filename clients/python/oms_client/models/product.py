from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="Product")



@_attrs_define
class Product:
    """ 
        Attributes:
            category (str):
            description (None | str):
            in_stock (bool):
            price (str):
            product_id (str):
            product_name (str):
            stock_quantity (int):
            updated_at (str):
     """

    category: str
    description: None | str
    in_stock: bool
    price: str
    product_id: str
    product_name: str
    stock_quantity: int
    updated_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        category = self.category

        description: None | str
        description = self.description

        in_stock = self.in_stock

        price = self.price

        product_id = self.product_id

        product_name = self.product_name

        stock_quantity = self.stock_quantity

        updated_at = self.updated_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "category": category,
            "description": description,
            "in_stock": in_stock,
            "price": price,
            "product_id": product_id,
            "product_name": product_name,
            "stock_quantity": stock_quantity,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category = d.pop("category")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))


        in_stock = d.pop("in_stock")

        price = d.pop("price")

        product_id = d.pop("product_id")

        product_name = d.pop("product_name")

        stock_quantity = d.pop("stock_quantity")

        updated_at = d.pop("updated_at")

        product = cls(
            category=category,
            description=description,
            in_stock=in_stock,
            price=price,
            product_id=product_id,
            product_name=product_name,
            stock_quantity=stock_quantity,
            updated_at=updated_at,
        )


        product.additional_properties = d
        return product

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
