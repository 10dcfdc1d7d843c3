from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="UpdateProductRequest")



@_attrs_define
class UpdateProductRequest:
    """ 
        Attributes:
            add_stock (int | Unset): Add to (or, negative, take from) the stock
            category (str | Unset):
            description (None | str | Unset):
            price (str | Unset):
            product_name (str | Unset):
            reason (str | Unset): Why the stock moves (with stock_quantity or add_stock): kept in the product's stock
                movements
            stock_quantity (int | Unset): Set the stock to this
     """

    add_stock: int | Unset = UNSET
    category: str | Unset = UNSET
    description: None | str | Unset = UNSET
    price: str | Unset = UNSET
    product_name: str | Unset = UNSET
    reason: str | Unset = UNSET
    stock_quantity: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        add_stock = self.add_stock

        category = self.category

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        price = self.price

        product_name = self.product_name

        reason = self.reason

        stock_quantity = self.stock_quantity


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if add_stock is not UNSET:
            field_dict["add_stock"] = add_stock
        if category is not UNSET:
            field_dict["category"] = category
        if description is not UNSET:
            field_dict["description"] = description
        if price is not UNSET:
            field_dict["price"] = price
        if product_name is not UNSET:
            field_dict["product_name"] = product_name
        if reason is not UNSET:
            field_dict["reason"] = reason
        if stock_quantity is not UNSET:
            field_dict["stock_quantity"] = stock_quantity

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        add_stock = d.pop("add_stock", UNSET)

        category = d.pop("category", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        price = d.pop("price", UNSET)

        product_name = d.pop("product_name", UNSET)

        reason = d.pop("reason", UNSET)

        stock_quantity = d.pop("stock_quantity", UNSET)

        update_product_request = cls(
            add_stock=add_stock,
            category=category,
            description=description,
            price=price,
            product_name=product_name,
            reason=reason,
            stock_quantity=stock_quantity,
        )


        update_product_request.additional_properties = d
        return update_product_request

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
