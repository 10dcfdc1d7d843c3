from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.order_list import OrderList
from ...models.order_status import OrderStatus
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    status: OrderStatus | Unset = UNSET,
    customer_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
    created_from: datetime.date | Unset = UNSET,
    created_to: datetime.date | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    params["next_token"] = next_token

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["customer_id"] = customer_id

    params["q"] = q

    json_created_from: str | Unset = UNSET
    if not isinstance(created_from, Unset):
        json_created_from = created_from.isoformat()
    params["created_from"] = json_created_from

    json_created_to: str | Unset = UNSET
    if not isinstance(created_to, Unset):
        json_created_to = created_to.isoformat()
    params["created_to"] = json_created_to


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/orders",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | OrderList:
    if response.status_code == 200:
        response_200 = OrderList.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())



        return response_403

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())



        return response_422

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())



        return response_503

    response_default = Error.from_dict(response.json())



    return response_default



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | OrderList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    status: OrderStatus | Unset = UNSET,
    customer_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
    created_from: datetime.date | Unset = UNSET,
    created_to: datetime.date | Unset = UNSET,

) -> Response[Error | OrderList]:
    """ List orders, newest first (cancelled included)

    Args:
        page (int | Unset): Page number (default 1); beyond page 100, follow next_token
        limit (int | Unset): Items per page (default 10)
        next_token (str | Unset): Cursor from a previous page (opaque)
        status (OrderStatus | Unset):
        customer_id (str | Unset):
        q (str | Unset): Search: an order number (1001 or #1001), an order id prefix (4+ hex
            digits), a tracking number, a customer's e-mail or the start of any word of a customer's
            name, a product's id, ISBN or the start of any word of its name (any case); every match is
            listed once, newest first
        created_from (datetime.date | Unset): Orders created on or after this day (UTC)
        created_to (datetime.date | Unset): Orders created on or before this day (UTC)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OrderList]
     """


    kwargs = _get_kwargs(
        page=page,
limit=limit,
next_token=next_token,
status=status,
customer_id=customer_id,
q=q,
created_from=created_from,
created_to=created_to,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    status: OrderStatus | Unset = UNSET,
    customer_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
    created_from: datetime.date | Unset = UNSET,
    created_to: datetime.date | Unset = UNSET,

) -> Error | OrderList | None:
    """ List orders, newest first (cancelled included)

    Args:
        page (int | Unset): Page number (default 1); beyond page 100, follow next_token
        limit (int | Unset): Items per page (default 10)
        next_token (str | Unset): Cursor from a previous page (opaque)
        status (OrderStatus | Unset):
        customer_id (str | Unset):
        q (str | Unset): Search: an order number (1001 or #1001), an order id prefix (4+ hex
            digits), a tracking number, a customer's e-mail or the start of any word of a customer's
            name, a product's id, ISBN or the start of any word of its name (any case); every match is
            listed once, newest first
        created_from (datetime.date | Unset): Orders created on or after this day (UTC)
        created_to (datetime.date | Unset): Orders created on or before this day (UTC)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OrderList
     """


    return sync_detailed(
        client=client,
page=page,
limit=limit,
next_token=next_token,
status=status,
customer_id=customer_id,
q=q,
created_from=created_from,
created_to=created_to,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    status: OrderStatus | Unset = UNSET,
    customer_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
    created_from: datetime.date | Unset = UNSET,
    created_to: datetime.date | Unset = UNSET,

) -> Response[Error | OrderList]:
    """ List orders, newest first (cancelled included)

    Args:
        page (int | Unset): Page number (default 1); beyond page 100, follow next_token
        limit (int | Unset): Items per page (default 10)
        next_token (str | Unset): Cursor from a previous page (opaque)
        status (OrderStatus | Unset):
        customer_id (str | Unset):
        q (str | Unset): Search: an order number (1001 or #1001), an order id prefix (4+ hex
            digits), a tracking number, a customer's e-mail or the start of any word of a customer's
            name, a product's id, ISBN or the start of any word of its name (any case); every match is
            listed once, newest first
        created_from (datetime.date | Unset): Orders created on or after this day (UTC)
        created_to (datetime.date | Unset): Orders created on or before this day (UTC)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OrderList]
     """


    kwargs = _get_kwargs(
        page=page,
limit=limit,
next_token=next_token,
status=status,
customer_id=customer_id,
q=q,
created_from=created_from,
created_to=created_to,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    status: OrderStatus | Unset = UNSET,
    customer_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
    created_from: datetime.date | Unset = UNSET,
    created_to: datetime.date | Unset = UNSET,

) -> Error | OrderList | None:
    """ List orders, newest first (cancelled included)

    Args:
        page (int | Unset): Page number (default 1); beyond page 100, follow next_token
        limit (int | Unset): Items per page (default 10)
        next_token (str | Unset): Cursor from a previous page (opaque)
        status (OrderStatus | Unset):
        customer_id (str | Unset):
        q (str | Unset): Search: an order number (1001 or #1001), an order id prefix (4+ hex
            digits), a tracking number, a customer's e-mail or the start of any word of a customer's
            name, a product's id, ISBN or the start of any word of its name (any case); every match is
            listed once, newest first
        created_from (datetime.date | Unset): Orders created on or after this day (UTC)
        created_to (datetime.date | Unset): Orders created on or before this day (UTC)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OrderList
     """


    return (await asyncio_detailed(
        client=client,
page=page,
limit=limit,
next_token=next_token,
status=status,
customer_id=customer_id,
q=q,
created_from=created_from,
created_to=created_to,

    )).parsed
