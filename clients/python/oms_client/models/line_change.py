from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="LineChange")



@_attrs_define
class LineChange:
    """ 
        Attributes:
            field (str):
            new (None | str):
            old (None | str):
            product_id (str):
     """

    field: str
    new: None | str
    old: None | str
    product_id: str





    def to_dict(self) -> dict[str, Any]:
        field = self.field

        new: None | str
        new = self.new

        old: None | str
        old = self.old

        product_id = self.product_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "field": field,
            "new": new,
            "old": old,
            "product_id": product_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        def _parse_new(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new = _parse_new(d.pop("new"))


        def _parse_old(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old = _parse_old(d.pop("old"))


        product_id = d.pop("product_id")

        line_change = cls(
            field=field,
            new=new,
            old=old,
            product_id=product_id,
        )

        return line_change

