from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="StatusCounts")



@_attrs_define
class StatusCounts:
    """ 
        Attributes:
            cancelled (int):
            delivered (int):
            failed (int):
            pending (int):
            processing (int):
            shipped (int):
     """

    cancelled: int
    delivered: int
    failed: int
    pending: int
    processing: int
    shipped: int





    def to_dict(self) -> dict[str, Any]:
        cancelled = self.cancelled

        delivered = self.delivered

        failed = self.failed

        pending = self.pending

        processing = self.processing

        shipped = self.shipped


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "cancelled": cancelled,
            "delivered": delivered,
            "failed": failed,
            "pending": pending,
            "processing": processing,
            "shipped": shipped,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cancelled = d.pop("cancelled")

        delivered = d.pop("delivered")

        failed = d.pop("failed")

        pending = d.pop("pending")

        processing = d.pop("processing")

        shipped = d.pop("shipped")

        status_counts = cls(
            cancelled=cancelled,
            delivered=delivered,
            failed=failed,
            pending=pending,
            processing=processing,
            shipped=shipped,
        )

        return status_counts

