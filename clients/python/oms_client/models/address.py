from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.address_country import AddressCountry
from ..types import UNSET, Unset






T = TypeVar("T", bound="Address")



@_attrs_define
class Address:
    """ A postal address; country as ISO 3166-1 alpha-2

        Attributes:
            city (str):
            country (AddressCountry):
            line1 (str):
            name (str):
            line2 (str | Unset):
            phone (str | Unset):
            postal_code (str | Unset): Required in the shape of its country for AU, CA, DE, FR, GB, US
            region (str | Unset): State, province or county
     """

    city: str
    country: AddressCountry
    line1: str
    name: str
    line2: str | Unset = UNSET
    phone: str | Unset = UNSET
    postal_code: str | Unset = UNSET
    region: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        city = self.city

        country = self.country.value

        line1 = self.line1

        name = self.name

        line2 = self.line2

        phone = self.phone

        postal_code = self.postal_code

        region = self.region


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "city": city,
            "country": country,
            "line1": line1,
            "name": name,
        })
        if line2 is not UNSET:
            field_dict["line2"] = line2
        if phone is not UNSET:
            field_dict["phone"] = phone
        if postal_code is not UNSET:
            field_dict["postal_code"] = postal_code
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        city = d.pop("city")

        country = AddressCountry(d.pop("country"))




        line1 = d.pop("line1")

        name = d.pop("name")

        line2 = d.pop("line2", UNSET)

        phone = d.pop("phone", UNSET)

        postal_code = d.pop("postal_code", UNSET)

        region = d.pop("region", UNSET)

        address = cls(
            city=city,
            country=country,
            line1=line1,
            name=name,
            line2=line2,
            phone=phone,
            postal_code=postal_code,
            region=region,
        )

        return address

