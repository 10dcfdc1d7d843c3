from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.execution_status import ExecutionStatus
from ..models.workflow_status_source import WorkflowStatusSource
from typing import cast

if TYPE_CHECKING:
  from ..models.execution_event import ExecutionEvent





T = TypeVar("T", bound="WorkflowStatus")



@_attrs_define
class WorkflowStatus:
    """ 
        Attributes:
            cause (None | str):
            error (None | str):
            execution_arn (str):
            execution_name (str):
            input_ (Any):
            order_id (None | str):
            output (Any):
            recent_events (list[ExecutionEvent]):
            source (WorkflowStatusSource): order: read from the order, which the run's own writes keep (one GetItem, the
                fast path; input is null and recent_events empty); step_functions: asked of Step Functions (?history=true or an
                execution ARN; rate-limited, see docs/performance.md)
            start_date (None | str):
            status (ExecutionStatus):
            step (None | str):
            stop_date (None | str):
     """

    cause: None | str
    error: None | str
    execution_arn: str
    execution_name: str
    input_: Any
    order_id: None | str
    output: Any
    recent_events: list[ExecutionEvent]
    source: WorkflowStatusSource
    start_date: None | str
    status: ExecutionStatus
    step: None | str
    stop_date: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.execution_event import ExecutionEvent # noqa: PLC0415
        cause: None | str
        cause = self.cause

        error: None | str
        error = self.error

        execution_arn = self.execution_arn

        execution_name = self.execution_name

        input_ = self.input_

        order_id: None | str
        order_id = self.order_id

        output = self.output

        recent_events = []
        for recent_events_item_data in self.recent_events:
            recent_events_item = recent_events_item_data.to_dict()
            recent_events.append(recent_events_item)



        source = self.source.value

        start_date: None | str
        start_date = self.start_date

        status = self.status.value

        step: None | str
        step = self.step

        stop_date: None | str
        stop_date = self.stop_date


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "cause": cause,
            "error": error,
            "execution_arn": execution_arn,
            "execution_name": execution_name,
            "input": input_,
            "order_id": order_id,
            "output": output,
            "recent_events": recent_events,
            "source": source,
            "start_date": start_date,
            "status": status,
            "step": step,
            "stop_date": stop_date,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.execution_event import ExecutionEvent # noqa: PLC0415
        d = dict(src_dict)
        def _parse_cause(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cause = _parse_cause(d.pop("cause"))


        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))


        execution_arn = d.pop("execution_arn")

        execution_name = d.pop("execution_name")

        input_ = d.pop("input")

        def _parse_order_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_id = _parse_order_id(d.pop("order_id"))


        output = d.pop("output")

        recent_events = []
        _recent_events = d.pop("recent_events")
        for recent_events_item_data in (_recent_events):
            recent_events_item = ExecutionEvent.from_dict(recent_events_item_data)



            recent_events.append(recent_events_item)


        source = WorkflowStatusSource(d.pop("source"))




        def _parse_start_date(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        start_date = _parse_start_date(d.pop("start_date"))


        status = ExecutionStatus(d.pop("status"))




        def _parse_step(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        step = _parse_step(d.pop("step"))


        def _parse_stop_date(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stop_date = _parse_stop_date(d.pop("stop_date"))


        workflow_status = cls(
            cause=cause,
            error=error,
            execution_arn=execution_arn,
            execution_name=execution_name,
            input_=input_,
            order_id=order_id,
            output=output,
            recent_events=recent_events,
            source=source,
            start_date=start_date,
            status=status,
            step=step,
            stop_date=stop_date,
        )


        workflow_status.additional_properties = d
        return workflow_status

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
