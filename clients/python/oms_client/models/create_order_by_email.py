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
  from ..models.order_item import OrderItem





T = TypeVar("T", bound="CreateOrderByEmail")



@_attrs_define
class CreateOrderByEmail:
    """ An order by name and e-mail; the customer is created on first use (its default address the order's
    shipping_address), or the customer with that e-mail is used.

        Attributes:
            customer_email (str):
            customer_name (str):
            items (list[OrderItem]): Repeated products are merged; at most 99 distinct products and 10000 units of one
                product.
            shipping_address (Address | Unset): A postal address; country as ISO 3166-1 alpha-2
     """

    customer_email: str
    customer_name: str
    items: list[OrderItem]
    shipping_address: Address | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address # noqa: PLC0415
        from ..models.order_item import OrderItem # noqa: PLC0415
        customer_email = self.customer_email

        customer_name = self.customer_name

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        shipping_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.shipping_address, Unset):
            shipping_address = self.shipping_address.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "customer_email": customer_email,
            "customer_name": customer_name,
            "items": items,
        })
        if shipping_address is not UNSET:
            field_dict["shipping_address"] = shipping_address

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address # noqa: PLC0415
        from ..models.order_item import OrderItem # noqa: PLC0415
        d = dict(src_dict)
        customer_email = d.pop("customer_email")

        customer_name = d.pop("customer_name")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = OrderItem.from_dict(items_item_data)



            items.append(items_item)


        _shipping_address = d.pop("shipping_address", UNSET)
        shipping_address: Address | Unset
        if isinstance(_shipping_address,  Unset):
            shipping_address = UNSET
        else:
            shipping_address = Address.from_dict(_shipping_address)




        create_order_by_email = cls(
            customer_email=customer_email,
            customer_name=customer_name,
            items=items,
            shipping_address=shipping_address,
        )

        return create_order_by_email

