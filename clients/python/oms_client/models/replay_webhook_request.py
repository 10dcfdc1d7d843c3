from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ReplayWebhookRequest")



@_attrs_define
class ReplayWebhookRequest:
    """ Every delivery of events between since and until (inclusive, to the second) is sent again

        Attributes:
            since (str):
            until (str):
     """

    since: str
    until: str





    def to_dict(self) -> dict[str, Any]:
        since = self.since

        until = self.until


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "since": since,
            "until": until,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        since = d.pop("since")

        until = d.pop("until")

        replay_webhook_request = cls(
            since=since,
            until=until,
        )

        return replay_webhook_request

