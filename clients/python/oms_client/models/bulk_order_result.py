from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.order_status import OrderStatus
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="BulkOrderResult")



@_attrs_define
class BulkOrderResult:
    """ 
        Attributes:
            ok (bool):
            order_id (str):
            code (str | Unset): Why this order was refused (when not ok)
            message (str | Unset):
            order_number (None | str | Unset):
            status (OrderStatus | Unset):
     """

    ok: bool
    order_id: str
    code: str | Unset = UNSET
    message: str | Unset = UNSET
    order_number: None | str | Unset = UNSET
    status: OrderStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        ok = self.ok

        order_id = self.order_id

        code = self.code

        message = self.message

        order_number: None | str | Unset
        if isinstance(self.order_number, Unset):
            order_number = UNSET
        else:
            order_number = self.order_number

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "ok": ok,
            "order_id": order_id,
        })
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if order_number is not UNSET:
            field_dict["order_number"] = order_number
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ok = d.pop("ok")

        order_id = d.pop("order_id")

        code = d.pop("code", UNSET)

        message = d.pop("message", UNSET)

        def _parse_order_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_number = _parse_order_number(d.pop("order_number", UNSET))


        _status = d.pop("status", UNSET)
        status: OrderStatus | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = OrderStatus(_status)




        bulk_order_result = cls(
            ok=ok,
            order_id=order_id,
            code=code,
            message=message,
            order_number=order_number,
            status=status,
        )


        bulk_order_result.additional_properties = d
        return bulk_order_result

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
