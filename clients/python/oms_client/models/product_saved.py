from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.product import Product





T = TypeVar("T", bound="ProductSaved")



@_attrs_define
class ProductSaved:
    """ 
        Attributes:
            message (str):
            product (Product):
     """

    message: str
    product: Product





    def to_dict(self) -> dict[str, Any]:
        from ..models.product import Product # noqa: PLC0415
        message = self.message

        product = self.product.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "message": message,
            "product": product,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product import Product # noqa: PLC0415
        d = dict(src_dict)
        message = d.pop("message")

        product = Product.from_dict(d.pop("product"))




        product_saved = cls(
            message=message,
            product=product,
        )

        return product_saved

