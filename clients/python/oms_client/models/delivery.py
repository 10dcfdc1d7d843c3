from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.delivery_event_type import DeliveryEventType
from ..models.delivery_status import DeliveryStatus
from typing import cast

if TYPE_CHECKING:
  from ..models.delivery_attempt import DeliveryAttempt





T = TypeVar("T", bound="Delivery")



@_attrs_define
class Delivery:
    """ 
        Attributes:
            attempts (list[DeliveryAttempt]):
            created_at (str):
            delivered_at (None | str):
            delivery_id (str): The webhook-id header of every attempt
            event_type (DeliveryEventType):
            next_retry_at (None | str):
            order_id (None | str):
            order_number (None | str):
            status (DeliveryStatus):
     """

    attempts: list[DeliveryAttempt]
    created_at: str
    delivered_at: None | str
    delivery_id: str
    event_type: DeliveryEventType
    next_retry_at: None | str
    order_id: None | str
    order_number: None | str
    status: DeliveryStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.delivery_attempt import DeliveryAttempt # noqa: PLC0415
        attempts = []
        for attempts_item_data in self.attempts:
            attempts_item = attempts_item_data.to_dict()
            attempts.append(attempts_item)



        created_at = self.created_at

        delivered_at: None | str
        delivered_at = self.delivered_at

        delivery_id = self.delivery_id

        event_type = self.event_type.value

        next_retry_at: None | str
        next_retry_at = self.next_retry_at

        order_id: None | str
        order_id = self.order_id

        order_number: None | str
        order_number = self.order_number

        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attempts": attempts,
            "created_at": created_at,
            "delivered_at": delivered_at,
            "delivery_id": delivery_id,
            "event_type": event_type,
            "next_retry_at": next_retry_at,
            "order_id": order_id,
            "order_number": order_number,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_attempt import DeliveryAttempt # noqa: PLC0415
        d = dict(src_dict)
        attempts = []
        _attempts = d.pop("attempts")
        for attempts_item_data in (_attempts):
            attempts_item = DeliveryAttempt.from_dict(attempts_item_data)



            attempts.append(attempts_item)


        created_at = d.pop("created_at")

        def _parse_delivered_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))


        delivery_id = d.pop("delivery_id")

        event_type = DeliveryEventType(d.pop("event_type"))




        def _parse_next_retry_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_retry_at = _parse_next_retry_at(d.pop("next_retry_at"))


        def _parse_order_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_id = _parse_order_id(d.pop("order_id"))


        def _parse_order_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_number = _parse_order_number(d.pop("order_number"))


        status = DeliveryStatus(d.pop("status"))




        delivery = cls(
            attempts=attempts,
            created_at=created_at,
            delivered_at=delivered_at,
            delivery_id=delivery_id,
            event_type=event_type,
            next_retry_at=next_retry_at,
            order_id=order_id,
            order_number=order_number,
            status=status,
        )


        delivery.additional_properties = d
        return delivery

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
