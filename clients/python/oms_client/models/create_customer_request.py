from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="CreateCustomerRequest")



@_attrs_define
class CreateCustomerRequest:
    """ 
        Attributes:
            customer_name (str):
            email (str):
            address (str | Unset):
            customer_id (str | Unset):
            phone (str | Unset):
     """

    customer_name: str
    email: str
    address: str | Unset = UNSET
    customer_id: str | Unset = UNSET
    phone: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        customer_name = self.customer_name

        email = self.email

        address = self.address

        customer_id = self.customer_id

        phone = self.phone


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "customer_name": customer_name,
            "email": email,
        })
        if address is not UNSET:
            field_dict["address"] = address
        if customer_id is not UNSET:
            field_dict["customer_id"] = customer_id
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        customer_name = d.pop("customer_name")

        email = d.pop("email")

        address = d.pop("address", UNSET)

        customer_id = d.pop("customer_id", UNSET)

        phone = d.pop("phone", UNSET)

        create_customer_request = cls(
            customer_name=customer_name,
            email=email,
            address=address,
            customer_id=customer_id,
            phone=phone,
        )

        return create_customer_request

