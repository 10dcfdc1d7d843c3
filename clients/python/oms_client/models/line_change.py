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
            product_id (None | str):
     """

    field: str
    new: None | str
    old: None | str
    product_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        field = self.field

        new: None | str
        new = self.new

        old: None | str
        old = self.old

        product_id: None | str
        product_id = self.product_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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


        def _parse_product_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product_id = _parse_product_id(d.pop("product_id"))


        line_change = cls(
            field=field,
            new=new,
            old=old,
            product_id=product_id,
        )


        line_change.additional_properties = d
        return line_change

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
