from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.stock_movement_kind import StockMovementKind
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.actor import Actor





T = TypeVar("T", bound="StockMovement")



@_attrs_define
class StockMovement:
    """ 
        Attributes:
            actor (Actor | None):
            at (str):
            change (int): Units added to the stock (negative: taken); an order takes its quantity while it holds or has
                shipped the stock, 0 before (pending) or once given back (cancelled, failed)
            kind (StockMovementKind): stock: units put in or taken out by hand (initial stock, restock, correction); order:
                an order of it
            reason (None | str):
            order_id (str | Unset):
            order_number (None | str | Unset):
            quantity (int | Unset):
            status (str | Unset):
     """

    actor: Actor | None
    at: str
    change: int
    kind: StockMovementKind
    reason: None | str
    order_id: str | Unset = UNSET
    order_number: None | str | Unset = UNSET
    quantity: int | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.actor import Actor # noqa: PLC0415
        actor: dict[str, Any] | None
        if isinstance(self.actor, Actor):
            actor = self.actor.to_dict()
        else:
            actor = self.actor

        at = self.at

        change = self.change

        kind = self.kind.value

        reason: None | str
        reason = self.reason

        order_id = self.order_id

        order_number: None | str | Unset
        if isinstance(self.order_number, Unset):
            order_number = UNSET
        else:
            order_number = self.order_number

        quantity = self.quantity

        status = self.status


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actor": actor,
            "at": at,
            "change": change,
            "kind": kind,
            "reason": reason,
        })
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if order_number is not UNSET:
            field_dict["order_number"] = order_number
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor import Actor # noqa: PLC0415
        d = dict(src_dict)
        def _parse_actor(data: object) -> Actor | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                actor_type_0 = Actor.from_dict(data)



                return actor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Actor | None, data)

        actor = _parse_actor(d.pop("actor"))


        at = d.pop("at")

        change = d.pop("change")

        kind = StockMovementKind(d.pop("kind"))




        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        order_id = d.pop("order_id", UNSET)

        def _parse_order_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_number = _parse_order_number(d.pop("order_number", UNSET))


        quantity = d.pop("quantity", UNSET)

        status = d.pop("status", UNSET)

        stock_movement = cls(
            actor=actor,
            at=at,
            change=change,
            kind=kind,
            reason=reason,
            order_id=order_id,
            order_number=order_number,
            quantity=quantity,
            status=status,
        )


        stock_movement.additional_properties = d
        return stock_movement

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
