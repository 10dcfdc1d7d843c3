"""A postal address (`model.address.Address`) to and from the map an order
or a customer item stores it in."""
import dataclasses
from typing import Optional

from ..model.address import Address
from .models import PostalAddress


def address_of(item: Optional[PostalAddress]) -> Optional[Address]:
    if item is None:
        return None
    return Address(item.name, item.line1, item.city, item.country, item.line2, item.region, item.postal_code, item.phone)


def address_item(address: Optional[Address]) -> Optional[PostalAddress]:
    return None if address is None else PostalAddress(**dataclasses.asdict(address))
