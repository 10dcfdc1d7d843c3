from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.status_counts import StatusCounts





T = TypeVar("T", bound="DashboardDay")



@_attrs_define
class DashboardDay:
    """ 
        Attributes:
            all_orders (int):
            by_status (StatusCounts):
            date (datetime.date):
            orders (int): Orders bringing revenue (not cancelled or failed)
            revenue (str):
     """

    all_orders: int
    by_status: StatusCounts
    date: datetime.date
    orders: int
    revenue: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.status_counts import StatusCounts # noqa: PLC0415
        all_orders = self.all_orders

        by_status = self.by_status.to_dict()

        date = self.date.isoformat()

        orders = self.orders

        revenue = self.revenue


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "all_orders": all_orders,
            "by_status": by_status,
            "date": date,
            "orders": orders,
            "revenue": revenue,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.status_counts import StatusCounts # noqa: PLC0415
        d = dict(src_dict)
        all_orders = d.pop("all_orders")

        by_status = StatusCounts.from_dict(d.pop("by_status"))




        date = datetime.date.fromisoformat(d.pop("date"))




        orders = d.pop("orders")

        revenue = d.pop("revenue")

        dashboard_day = cls(
            all_orders=all_orders,
            by_status=by_status,
            date=date,
            orders=orders,
            revenue=revenue,
        )


        dashboard_day.additional_properties = d
        return dashboard_day

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
