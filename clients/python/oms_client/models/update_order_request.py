from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.order_status import OrderStatus
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.address import Address
  from ..models.order_line_edit import OrderLineEdit





T = TypeVar("T", bound="UpdateOrderRequest")



@_attrs_define
class UpdateOrderRequest:
    """ status and/or items, or quantity/price of a one-line order, and/or shipping_address

        Attributes:
            carrier (str | Unset): Who carries the shipment (status shipped)
            items (list[OrderLineEdit] | Unset): Edits applied in order
            price (str | Unset): Unit price of a one-line order
            quantity (int | Unset): Quantity of a one-line order
            reason (str | Unset):
            shipping_address (Address | Unset): A postal address; country as ISO 3166-1 alpha-2
            status (OrderStatus | Unset):
            tracking_number (str | Unset): Shipment tracking number (status shipped)
     """

    carrier: str | Unset = UNSET
    items: list[OrderLineEdit] | Unset = UNSET
    price: str | Unset = UNSET
    quantity: int | Unset = UNSET
    reason: str | Unset = UNSET
    shipping_address: Address | Unset = UNSET
    status: OrderStatus | Unset = UNSET
    tracking_number: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address # noqa: PLC0415
        from ..models.order_line_edit import OrderLineEdit # noqa: PLC0415
        carrier = self.carrier

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)



        price = self.price

        quantity = self.quantity

        reason = self.reason

        shipping_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.shipping_address, Unset):
            shipping_address = self.shipping_address.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value


        tracking_number = self.tracking_number


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if carrier is not UNSET:
            field_dict["carrier"] = carrier
        if items is not UNSET:
            field_dict["items"] = items
        if price is not UNSET:
            field_dict["price"] = price
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if reason is not UNSET:
            field_dict["reason"] = reason
        if shipping_address is not UNSET:
            field_dict["shipping_address"] = shipping_address
        if status is not UNSET:
            field_dict["status"] = status
        if tracking_number is not UNSET:
            field_dict["tracking_number"] = tracking_number

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address # noqa: PLC0415
        from ..models.order_line_edit import OrderLineEdit # noqa: PLC0415
        d = dict(src_dict)
        carrier = d.pop("carrier", UNSET)

        _items = d.pop("items", UNSET)
        items: list[OrderLineEdit] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = OrderLineEdit.from_dict(items_item_data)



                items.append(items_item)


        price = d.pop("price", UNSET)

        quantity = d.pop("quantity", UNSET)

        reason = d.pop("reason", UNSET)

        _shipping_address = d.pop("shipping_address", UNSET)
        shipping_address: Address | Unset
        if isinstance(_shipping_address,  Unset):
            shipping_address = UNSET
        else:
            shipping_address = Address.from_dict(_shipping_address)




        _status = d.pop("status", UNSET)
        status: OrderStatus | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = OrderStatus(_status)




        tracking_number = d.pop("tracking_number", UNSET)

        update_order_request = cls(
            carrier=carrier,
            items=items,
            price=price,
            quantity=quantity,
            reason=reason,
            shipping_address=shipping_address,
            status=status,
            tracking_number=tracking_number,
        )


        update_order_request.additional_properties = d
        return update_order_request

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
