from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.staff_role import StaffRole
from ..types import UNSET, Unset






T = TypeVar("T", bound="ChangeStaffRequest")



@_attrs_define
class ChangeStaffRequest:
    """ 
        Attributes:
            enabled (bool | Unset): false disables the account and signs the person out everywhere
            role (StaffRole | Unset): viewer: read; fulfilment: also write orders; manager: also the catalog, webhooks and
                staff
     """

    enabled: bool | Unset = UNSET
    role: StaffRole | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled", UNSET)

        _role = d.pop("role", UNSET)
        role: StaffRole | Unset
        if isinstance(_role,  Unset):
            role = UNSET
        else:
            role = StaffRole(_role)




        change_staff_request = cls(
            enabled=enabled,
            role=role,
        )


        change_staff_request.additional_properties = d
        return change_staff_request

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
