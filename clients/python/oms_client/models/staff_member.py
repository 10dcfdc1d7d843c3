from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="StaffMember")



@_attrs_define
class StaffMember:
    """ 
        Attributes:
            created_at (str):
            email (str):
            enabled (bool):
            last_sign_in (None | str):
            name (None | str):
            role (None | str):
            status (str): FORCE_CHANGE_PASSWORD until the first sign-in, then CONFIRMED
            user_id (str):
     """

    created_at: str
    email: str
    enabled: bool
    last_sign_in: None | str
    name: None | str
    role: None | str
    status: str
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        email = self.email

        enabled = self.enabled

        last_sign_in: None | str
        last_sign_in = self.last_sign_in

        name: None | str
        name = self.name

        role: None | str
        role = self.role

        status = self.status

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "email": email,
            "enabled": enabled,
            "last_sign_in": last_sign_in,
            "name": name,
            "role": role,
            "status": status,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = d.pop("created_at")

        email = d.pop("email")

        enabled = d.pop("enabled")

        def _parse_last_sign_in(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_sign_in = _parse_last_sign_in(d.pop("last_sign_in"))


        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))


        def _parse_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        role = _parse_role(d.pop("role"))


        status = d.pop("status")

        user_id = d.pop("user_id")

        staff_member = cls(
            created_at=created_at,
            email=email,
            enabled=enabled,
            last_sign_in=last_sign_in,
            name=name,
            role=role,
            status=status,
            user_id=user_id,
        )


        staff_member.additional_properties = d
        return staff_member

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
