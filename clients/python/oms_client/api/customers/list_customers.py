from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.customer_list import CustomerList
from ...models.error import Error
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    q: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["next_token"] = next_token

    params["q"] = q


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/customers",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CustomerList | Error:
    if response.status_code == 200:
        response_200 = CustomerList.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CustomerList | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    q: str | Unset = UNSET,

) -> Response[CustomerList | Error]:
    """ Customers, by id

    Args:
        limit (int | Unset): Items per page (default 50)
        next_token (str | Unset): Cursor from a previous page (opaque)
        q (str | Unset): An e-mail (any case: its customer) or the start of a name (any case: the
            first `limit` by name); no next_token

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerList | Error]
     """


    kwargs = _get_kwargs(
        limit=limit,
next_token=next_token,
q=q,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    q: str | Unset = UNSET,

) -> CustomerList | Error | None:
    """ Customers, by id

    Args:
        limit (int | Unset): Items per page (default 50)
        next_token (str | Unset): Cursor from a previous page (opaque)
        q (str | Unset): An e-mail (any case: its customer) or the start of a name (any case: the
            first `limit` by name); no next_token

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerList | Error
     """


    return sync_detailed(
        client=client,
limit=limit,
next_token=next_token,
q=q,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    q: str | Unset = UNSET,

) -> Response[CustomerList | Error]:
    """ Customers, by id

    Args:
        limit (int | Unset): Items per page (default 50)
        next_token (str | Unset): Cursor from a previous page (opaque)
        q (str | Unset): An e-mail (any case: its customer) or the start of a name (any case: the
            first `limit` by name); no next_token

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerList | Error]
     """


    kwargs = _get_kwargs(
        limit=limit,
next_token=next_token,
q=q,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    q: str | Unset = UNSET,

) -> CustomerList | Error | None:
    """ Customers, by id

    Args:
        limit (int | Unset): Items per page (default 50)
        next_token (str | Unset): Cursor from a previous page (opaque)
        q (str | Unset): An e-mail (any case: its customer) or the start of a name (any case: the
            first `limit` by name); no next_token

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerList | Error
     """


    return (await asyncio_detailed(
        client=client,
limit=limit,
next_token=next_token,
q=q,

    )).parsed
