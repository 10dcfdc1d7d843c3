from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.actor import Actor
  from ..models.bulk_order_result import BulkOrderResult





T = TypeVar("T", bound="BulkOrderResults")



@_attrs_define
class BulkOrderResults:
    """ 
        Attributes:
            action (str):
            actor (Actor):
            failed (int):
            results (list[BulkOrderResult]):
            succeeded (int):
     """

    action: str
    actor: Actor
    failed: int
    results: list[BulkOrderResult]
    succeeded: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.actor import Actor # noqa: PLC0415
        from ..models.bulk_order_result import BulkOrderResult # noqa: PLC0415
        action = self.action

        actor = self.actor.to_dict()

        failed = self.failed

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)



        succeeded = self.succeeded


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "actor": actor,
            "failed": failed,
            "results": results,
            "succeeded": succeeded,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor import Actor # noqa: PLC0415
        from ..models.bulk_order_result import BulkOrderResult # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        actor = Actor.from_dict(d.pop("actor"))




        failed = d.pop("failed")

        results = []
        _results = d.pop("results")
        for results_item_data in (_results):
            results_item = BulkOrderResult.from_dict(results_item_data)



            results.append(results_item)


        succeeded = d.pop("succeeded")

        bulk_order_results = cls(
            action=action,
            actor=actor,
            failed=failed,
            results=results,
            succeeded=succeeded,
        )


        bulk_order_results.additional_properties = d
        return bulk_order_results

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
