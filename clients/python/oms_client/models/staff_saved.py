from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.staff_member import StaffMember





T = TypeVar("T", bound="StaffSaved")



@_attrs_define
class StaffSaved:
    """ 
        Attributes:
            member (StaffMember):
            message (str):
     """

    member: StaffMember
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.staff_member import StaffMember # noqa: PLC0415
        member = self.member.to_dict()

        message = self.message


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member": member,
            "message": message,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.staff_member import StaffMember # noqa: PLC0415
        d = dict(src_dict)
        member = StaffMember.from_dict(d.pop("member"))




        message = d.pop("message")

        staff_saved = cls(
            member=member,
            message=message,
        )


        staff_saved.additional_properties = d
        return staff_saved

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
