from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.customer import Customer





T = TypeVar("T", bound="CustomerSaved")



@_attrs_define
class CustomerSaved:
    """ 
        Attributes:
            customer (Customer):
            message (str):
     """

    customer: Customer
    message: str





    def to_dict(self) -> dict[str, Any]:
        from ..models.customer import Customer # noqa: PLC0415
        customer = self.customer.to_dict()

        message = self.message


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "customer": customer,
            "message": message,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer import Customer # noqa: PLC0415
        d = dict(src_dict)
        customer = Customer.from_dict(d.pop("customer"))




        message = d.pop("message")

        customer_saved = cls(
            customer=customer,
            message=message,
        )

        return customer_saved

