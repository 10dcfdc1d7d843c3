from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.order import Order
  from ..models.workflow_start import WorkflowStart





T = TypeVar("T", bound="OrderCreated")



@_attrs_define
class OrderCreated:
    """ 
        Attributes:
            execution_arn (None | str):
            message (str):
            order (Order):
            order_id (UUID):
            workflow (WorkflowStart):
            note (str | Unset):
     """

    execution_arn: None | str
    message: str
    order: Order
    order_id: UUID
    workflow: WorkflowStart
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.order import Order # noqa: PLC0415
        from ..models.workflow_start import WorkflowStart # noqa: PLC0415
        execution_arn: None | str
        execution_arn = self.execution_arn

        message = self.message

        order = self.order.to_dict()

        order_id = str(self.order_id)

        workflow = self.workflow.to_dict()

        note = self.note


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "execution_arn": execution_arn,
            "message": message,
            "order": order,
            "order_id": order_id,
            "workflow": workflow,
        })
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order import Order # noqa: PLC0415
        from ..models.workflow_start import WorkflowStart # noqa: PLC0415
        d = dict(src_dict)
        def _parse_execution_arn(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        execution_arn = _parse_execution_arn(d.pop("execution_arn"))


        message = d.pop("message")

        order = Order.from_dict(d.pop("order"))




        order_id = UUID(d.pop("order_id"))




        workflow = WorkflowStart.from_dict(d.pop("workflow"))




        note = d.pop("note", UNSET)

        order_created = cls(
            execution_arn=execution_arn,
            message=message,
            order=order,
            order_id=order_id,
            workflow=workflow,
            note=note,
        )


        order_created.additional_properties = d
        return order_created

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
