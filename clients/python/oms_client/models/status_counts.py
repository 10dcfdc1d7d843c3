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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        cancelled = self.cancelled

        delivered = self.delivered

        failed = self.failed

        pending = self.pending

        processing = self.processing

        shipped = self.shipped


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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


        status_counts.additional_properties = d
        return status_counts

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
