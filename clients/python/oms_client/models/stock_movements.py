from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.stock_movement import StockMovement





T = TypeVar("T", bound="StockMovements")



@_attrs_define
class StockMovements:
    """ 
        Attributes:
            movements (list[StockMovement]):
            product_id (str):
            stock_quantity (int):
     """

    movements: list[StockMovement]
    product_id: str
    stock_quantity: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.stock_movement import StockMovement # noqa: PLC0415
        movements = []
        for movements_item_data in self.movements:
            movements_item = movements_item_data.to_dict()
            movements.append(movements_item)



        product_id = self.product_id

        stock_quantity = self.stock_quantity


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "movements": movements,
            "product_id": product_id,
            "stock_quantity": stock_quantity,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stock_movement import StockMovement # noqa: PLC0415
        d = dict(src_dict)
        movements = []
        _movements = d.pop("movements")
        for movements_item_data in (_movements):
            movements_item = StockMovement.from_dict(movements_item_data)



            movements.append(movements_item)


        product_id = d.pop("product_id")

        stock_quantity = d.pop("stock_quantity")

        stock_movements = cls(
            movements=movements,
            product_id=product_id,
            stock_quantity=stock_quantity,
        )


        stock_movements.additional_properties = d
        return stock_movements

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
