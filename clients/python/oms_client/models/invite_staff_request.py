from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.staff_role import StaffRole






T = TypeVar("T", bound="InviteStaffRequest")



@_attrs_define
class InviteStaffRequest:
    """ 
        Attributes:
            email (str):
            name (str):
            role (StaffRole): viewer: read; fulfilment: also write orders; manager: also the catalog, webhooks and staff
     """

    email: str
    name: str
    role: StaffRole





    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        role = self.role.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "email": email,
            "name": name,
            "role": role,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        role = StaffRole(d.pop("role"))




        invite_staff_request = cls(
            email=email,
            name=name,
            role=role,
        )

        return invite_staff_request

