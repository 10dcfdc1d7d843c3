from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.dashboard_day import DashboardDay
  from ..models.status_counts import StatusCounts





T = TypeVar("T", bound="Dashboard")



@_attrs_define
class Dashboard:
    """ 
        Attributes:
            average_order_value (str):
            by_status (StatusCounts):
            days (list[DashboardDay]):
            from_ (datetime.date):
            orders (int): Every order created in the range
            revenue (str):
            revenue_orders (int): Orders bringing revenue
            to (datetime.date):
     """

    average_order_value: str
    by_status: StatusCounts
    days: list[DashboardDay]
    from_: datetime.date
    orders: int
    revenue: str
    revenue_orders: int
    to: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.dashboard_day import DashboardDay # noqa: PLC0415
        from ..models.status_counts import StatusCounts # noqa: PLC0415
        average_order_value = self.average_order_value

        by_status = self.by_status.to_dict()

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)



        from_ = self.from_.isoformat()

        orders = self.orders

        revenue = self.revenue

        revenue_orders = self.revenue_orders

        to = self.to.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "average_order_value": average_order_value,
            "by_status": by_status,
            "days": days,
            "from": from_,
            "orders": orders,
            "revenue": revenue,
            "revenue_orders": revenue_orders,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dashboard_day import DashboardDay # noqa: PLC0415
        from ..models.status_counts import StatusCounts # noqa: PLC0415
        d = dict(src_dict)
        average_order_value = d.pop("average_order_value")

        by_status = StatusCounts.from_dict(d.pop("by_status"))




        days = []
        _days = d.pop("days")
        for days_item_data in (_days):
            days_item = DashboardDay.from_dict(days_item_data)



            days.append(days_item)


        from_ = datetime.date.fromisoformat(d.pop("from"))




        orders = d.pop("orders")

        revenue = d.pop("revenue")

        revenue_orders = d.pop("revenue_orders")

        to = datetime.date.fromisoformat(d.pop("to"))




        dashboard = cls(
            average_order_value=average_order_value,
            by_status=by_status,
            days=days,
            from_=from_,
            orders=orders,
            revenue=revenue,
            revenue_orders=revenue_orders,
            to=to,
        )


        dashboard.additional_properties = d
        return dashboard

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
