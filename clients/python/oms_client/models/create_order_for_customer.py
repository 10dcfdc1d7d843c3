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





T = TypeVar("T", bound="CreateOrderForCustomer")



@_attrs_define
class CreateOrderForCustomer:
    """ An order for a known customer; without a shipping_address, the customer's default address.

        Attributes:
            customer_id (str):
            items (list[OrderItem]): Repeated products are merged; at most 99 distinct products and 10000 units of one
                product.
            shipping_address (Address | Unset): A postal address; country as ISO 3166-1 alpha-2
     """

    customer_id: str
    items: list[OrderItem]
    shipping_address: Address | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address # noqa: PLC0415
        from ..models.order_item import OrderItem # noqa: PLC0415
        customer_id = self.customer_id

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        shipping_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.shipping_address, Unset):
            shipping_address = self.shipping_address.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "customer_id": customer_id,
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
        customer_id = d.pop("customer_id")

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




        create_order_for_customer = cls(
            customer_id=customer_id,
            items=items,
            shipping_address=shipping_address,
        )

        return create_order_for_customer

