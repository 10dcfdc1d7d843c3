from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.address import Address





T = TypeVar("T", bound="CreateCustomerRequest")



@_attrs_define
class CreateCustomerRequest:
    """ 
        Attributes:
            customer_name (str):
            email (str):
            address (str | Unset): Free text, as before default_address existed
            customer_id (str | Unset):
            default_address (Address | Unset): A postal address; country as ISO 3166-1 alpha-2
            phone (str | Unset):
     """

    customer_name: str
    email: str
    address: str | Unset = UNSET
    customer_id: str | Unset = UNSET
    default_address: Address | Unset = UNSET
    phone: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address # noqa: PLC0415
        customer_name = self.customer_name

        email = self.email

        address = self.address

        customer_id = self.customer_id

        default_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.default_address, Unset):
            default_address = self.default_address.to_dict()

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
        if default_address is not UNSET:
            field_dict["default_address"] = default_address
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address # noqa: PLC0415
        d = dict(src_dict)
        customer_name = d.pop("customer_name")

        email = d.pop("email")

        address = d.pop("address", UNSET)

        customer_id = d.pop("customer_id", UNSET)

        _default_address = d.pop("default_address", UNSET)
        default_address: Address | Unset
        if isinstance(_default_address,  Unset):
            default_address = UNSET
        else:
            default_address = Address.from_dict(_default_address)




        phone = d.pop("phone", UNSET)

        create_customer_request = cls(
            customer_name=customer_name,
            email=email,
            address=address,
            customer_id=customer_id,
            default_address=default_address,
            phone=phone,
        )

        return create_customer_request

