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





T = TypeVar("T", bound="UpdateCustomerRequest")



@_attrs_define
class UpdateCustomerRequest:
    """ 
        Attributes:
            address (None | str | Unset):
            customer_name (str | Unset):
            default_address (Address | None | Unset): null removes it
            email (str | Unset): Unique among customers (any case)
            phone (None | str | Unset):
     """

    address: None | str | Unset = UNSET
    customer_name: str | Unset = UNSET
    default_address: Address | None | Unset = UNSET
    email: str | Unset = UNSET
    phone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address # noqa: PLC0415
        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        customer_name = self.customer_name

        default_address: dict[str, Any] | None | Unset
        if isinstance(self.default_address, Unset):
            default_address = UNSET
        elif isinstance(self.default_address, Address):
            default_address = self.default_address.to_dict()
        else:
            default_address = self.default_address

        email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if address is not UNSET:
            field_dict["address"] = address
        if customer_name is not UNSET:
            field_dict["customer_name"] = customer_name
        if default_address is not UNSET:
            field_dict["default_address"] = default_address
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address # noqa: PLC0415
        d = dict(src_dict)
        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))


        customer_name = d.pop("customer_name", UNSET)

        def _parse_default_address(data: object) -> Address | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                default_address_type_0 = Address.from_dict(data)



                return default_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Address | None | Unset, data)

        default_address = _parse_default_address(d.pop("default_address", UNSET))


        email = d.pop("email", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        update_customer_request = cls(
            address=address,
            customer_name=customer_name,
            default_address=default_address,
            email=email,
            phone=phone,
        )


        update_customer_request.additional_properties = d
        return update_customer_request

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
