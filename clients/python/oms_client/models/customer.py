from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.postal_address import PostalAddress





T = TypeVar("T", bound="Customer")



@_attrs_define
class Customer:
    """ 
        Attributes:
            address (None | str):
            created_at (str):
            customer_id (str):
            customer_name (str):
            default_address (None | PostalAddress):
            email (str):
            phone (None | str):
     """

    address: None | str
    created_at: str
    customer_id: str
    customer_name: str
    default_address: None | PostalAddress
    email: str
    phone: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.postal_address import PostalAddress # noqa: PLC0415
        address: None | str
        address = self.address

        created_at = self.created_at

        customer_id = self.customer_id

        customer_name = self.customer_name

        default_address: dict[str, Any] | None
        if isinstance(self.default_address, PostalAddress):
            default_address = self.default_address.to_dict()
        else:
            default_address = self.default_address

        email = self.email

        phone: None | str
        phone = self.phone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "address": address,
            "created_at": created_at,
            "customer_id": customer_id,
            "customer_name": customer_name,
            "default_address": default_address,
            "email": email,
            "phone": phone,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.postal_address import PostalAddress # noqa: PLC0415
        d = dict(src_dict)
        def _parse_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        address = _parse_address(d.pop("address"))


        created_at = d.pop("created_at")

        customer_id = d.pop("customer_id")

        customer_name = d.pop("customer_name")

        def _parse_default_address(data: object) -> None | PostalAddress:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                default_address_type_0 = PostalAddress.from_dict(data)



                return default_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PostalAddress, data)

        default_address = _parse_default_address(d.pop("default_address"))


        email = d.pop("email")

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))


        customer = cls(
            address=address,
            created_at=created_at,
            customer_id=customer_id,
            customer_name=customer_name,
            default_address=default_address,
            email=email,
            phone=phone,
        )


        customer.additional_properties = d
        return customer

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
