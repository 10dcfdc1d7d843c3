from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.history_entry_action import HistoryEntryAction
from ..models.order_status import OrderStatus
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.actor import Actor
  from ..models.line_change import LineChange





T = TypeVar("T", bound="HistoryEntry")



@_attrs_define
class HistoryEntry:
    """ 
        Attributes:
            action (HistoryEntryAction):
            actor (Actor):
            at (str):
            from_status (None | OrderStatus):
            reason (None | str):
            to_status (None | OrderStatus):
            carrier (None | str | Unset):
            changes (list[LineChange] | Unset):
            tracking_number (None | str | Unset):
     """

    action: HistoryEntryAction
    actor: Actor
    at: str
    from_status: None | OrderStatus
    reason: None | str
    to_status: None | OrderStatus
    carrier: None | str | Unset = UNSET
    changes: list[LineChange] | Unset = UNSET
    tracking_number: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.actor import Actor # noqa: PLC0415
        from ..models.line_change import LineChange # noqa: PLC0415
        action = self.action.value

        actor = self.actor.to_dict()

        at = self.at

        from_status: None | str
        if isinstance(self.from_status, OrderStatus):
            from_status = self.from_status.value
        else:
            from_status = self.from_status

        reason: None | str
        reason = self.reason

        to_status: None | str
        if isinstance(self.to_status, OrderStatus):
            to_status = self.to_status.value
        else:
            to_status = self.to_status

        carrier: None | str | Unset
        if isinstance(self.carrier, Unset):
            carrier = UNSET
        else:
            carrier = self.carrier

        changes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.changes, Unset):
            changes = []
            for changes_item_data in self.changes:
                changes_item = changes_item_data.to_dict()
                changes.append(changes_item)



        tracking_number: None | str | Unset
        if isinstance(self.tracking_number, Unset):
            tracking_number = UNSET
        else:
            tracking_number = self.tracking_number


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "actor": actor,
            "at": at,
            "from_status": from_status,
            "reason": reason,
            "to_status": to_status,
        })
        if carrier is not UNSET:
            field_dict["carrier"] = carrier
        if changes is not UNSET:
            field_dict["changes"] = changes
        if tracking_number is not UNSET:
            field_dict["tracking_number"] = tracking_number

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor import Actor # noqa: PLC0415
        from ..models.line_change import LineChange # noqa: PLC0415
        d = dict(src_dict)
        action = HistoryEntryAction(d.pop("action"))




        actor = Actor.from_dict(d.pop("actor"))




        at = d.pop("at")

        def _parse_from_status(data: object) -> None | OrderStatus:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_status_type_0 = OrderStatus(data)



                return from_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderStatus, data)

        from_status = _parse_from_status(d.pop("from_status"))


        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        def _parse_to_status(data: object) -> None | OrderStatus:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                to_status_type_0 = OrderStatus(data)



                return to_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderStatus, data)

        to_status = _parse_to_status(d.pop("to_status"))


        def _parse_carrier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        carrier = _parse_carrier(d.pop("carrier", UNSET))


        _changes = d.pop("changes", UNSET)
        changes: list[LineChange] | Unset = UNSET
        if _changes is not UNSET:
            changes = []
            for changes_item_data in _changes:
                changes_item = LineChange.from_dict(changes_item_data)



                changes.append(changes_item)


        def _parse_tracking_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tracking_number = _parse_tracking_number(d.pop("tracking_number", UNSET))


        history_entry = cls(
            action=action,
            actor=actor,
            at=at,
            from_status=from_status,
            reason=reason,
            to_status=to_status,
            carrier=carrier,
            changes=changes,
            tracking_number=tracking_number,
        )


        history_entry.additional_properties = d
        return history_entry

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
