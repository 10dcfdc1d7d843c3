from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.execution_status import ExecutionStatus
from typing import cast






T = TypeVar("T", bound="Execution")



@_attrs_define
class Execution:
    """ 
        Attributes:
            execution_arn (str):
            execution_name (str):
            order_id (None | str):
            start_date (None | str):
            status (ExecutionStatus):
            stop_date (None | str):
     """

    execution_arn: str
    execution_name: str
    order_id: None | str
    start_date: None | str
    status: ExecutionStatus
    stop_date: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        execution_arn = self.execution_arn

        execution_name = self.execution_name

        order_id: None | str
        order_id = self.order_id

        start_date: None | str
        start_date = self.start_date

        status = self.status.value

        stop_date: None | str
        stop_date = self.stop_date


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "execution_arn": execution_arn,
            "execution_name": execution_name,
            "order_id": order_id,
            "start_date": start_date,
            "status": status,
            "stop_date": stop_date,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        execution_arn = d.pop("execution_arn")

        execution_name = d.pop("execution_name")

        def _parse_order_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_id = _parse_order_id(d.pop("order_id"))


        def _parse_start_date(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        start_date = _parse_start_date(d.pop("start_date"))


        status = ExecutionStatus(d.pop("status"))




        def _parse_stop_date(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stop_date = _parse_stop_date(d.pop("stop_date"))


        execution = cls(
            execution_arn=execution_arn,
            execution_name=execution_name,
            order_id=order_id,
            start_date=start_date,
            status=status,
            stop_date=stop_date,
        )


        execution.additional_properties = d
        return execution

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
