from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ReplayStarted")



@_attrs_define
class ReplayStarted:
    """ 
        Attributes:
            message (str):
            replayed (int):
            truncated (bool): More deliveries than one replay sends: replay the rest
     """

    message: str
    replayed: int
    truncated: bool





    def to_dict(self) -> dict[str, Any]:
        message = self.message

        replayed = self.replayed

        truncated = self.truncated


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "message": message,
            "replayed": replayed,
            "truncated": truncated,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        replayed = d.pop("replayed")

        truncated = d.pop("truncated")

        replay_started = cls(
            message=message,
            replayed=replayed,
            truncated=truncated,
        )

        return replay_started

