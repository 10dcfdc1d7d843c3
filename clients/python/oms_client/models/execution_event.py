from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="ExecutionEvent")



@_attrs_define
class ExecutionEvent:
    """ 
        Attributes:
            state_name (None | str):
            timestamp (None | str):
            type_ (str):
     """

    state_name: None | str
    timestamp: None | str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        state_name: None | str
        state_name = self.state_name

        timestamp: None | str
        timestamp = self.timestamp

        type_ = self.type_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "state_name": state_name,
            "timestamp": timestamp,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_state_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        state_name = _parse_state_name(d.pop("state_name"))


        def _parse_timestamp(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        timestamp = _parse_timestamp(d.pop("timestamp"))


        type_ = d.pop("type")

        execution_event = cls(
            state_name=state_name,
            timestamp=timestamp,
            type_=type_,
        )


        execution_event.additional_properties = d
        return execution_event

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
