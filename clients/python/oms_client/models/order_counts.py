from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.counts_by_status import CountsByStatus





T = TypeVar("T", bound="OrderCounts")



@_attrs_define
class OrderCounts:
    """ 
        Attributes:
            by_status (CountsByStatus):
            total (int):
     """

    by_status: CountsByStatus
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.counts_by_status import CountsByStatus # noqa: PLC0415
        by_status = self.by_status.to_dict()

        total = self.total


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "by_status": by_status,
            "total": total,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counts_by_status import CountsByStatus # noqa: PLC0415
        d = dict(src_dict)
        by_status = CountsByStatus.from_dict(d.pop("by_status"))




        total = d.pop("total")

        order_counts = cls(
            by_status=by_status,
            total=total,
        )


        order_counts.additional_properties = d
        return order_counts

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
