from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.order_status import OrderStatus
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.workflow_start import WorkflowStart





T = TypeVar("T", bound="WorkflowStarted")



@_attrs_define
class WorkflowStarted:
    """ 
        Attributes:
            execution_arn (str):
            message (str):
            order_id (UUID):
            status (OrderStatus):
            workflow (WorkflowStart):
     """

    execution_arn: str
    message: str
    order_id: UUID
    status: OrderStatus
    workflow: WorkflowStart
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.workflow_start import WorkflowStart # noqa: PLC0415
        execution_arn = self.execution_arn

        message = self.message

        order_id = str(self.order_id)

        status = self.status.value

        workflow = self.workflow.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "execution_arn": execution_arn,
            "message": message,
            "order_id": order_id,
            "status": status,
            "workflow": workflow,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.workflow_start import WorkflowStart # noqa: PLC0415
        d = dict(src_dict)
        execution_arn = d.pop("execution_arn")

        message = d.pop("message")

        order_id = UUID(d.pop("order_id"))




        status = OrderStatus(d.pop("status"))




        workflow = WorkflowStart.from_dict(d.pop("workflow"))




        workflow_started = cls(
            execution_arn=execution_arn,
            message=message,
            order_id=order_id,
            status=status,
            workflow=workflow,
        )


        workflow_started.additional_properties = d
        return workflow_started

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
