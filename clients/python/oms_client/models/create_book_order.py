from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="CreateBookOrder")



@_attrs_define
class CreateBookOrder:
    """ The bookshop shape: one book per order.

        Attributes:
            book_isbn (str):
            customer_email (str):
            customer_name (str):
            quantity (int):
            book_title (str | Unset):
            price (str | Unset): If given, must match the catalog price
     """

    book_isbn: str
    customer_email: str
    customer_name: str
    quantity: int
    book_title: str | Unset = UNSET
    price: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        book_isbn = self.book_isbn

        customer_email = self.customer_email

        customer_name = self.customer_name

        quantity = self.quantity

        book_title = self.book_title

        price = self.price


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "book_isbn": book_isbn,
            "customer_email": customer_email,
            "customer_name": customer_name,
            "quantity": quantity,
        })
        if book_title is not UNSET:
            field_dict["book_title"] = book_title
        if price is not UNSET:
            field_dict["price"] = price

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        book_isbn = d.pop("book_isbn")

        customer_email = d.pop("customer_email")

        customer_name = d.pop("customer_name")

        quantity = d.pop("quantity")

        book_title = d.pop("book_title", UNSET)

        price = d.pop("price", UNSET)

        create_book_order = cls(
            book_isbn=book_isbn,
            customer_email=customer_email,
            customer_name=customer_name,
            quantity=quantity,
            book_title=book_title,
            price=price,
        )

        return create_book_order

