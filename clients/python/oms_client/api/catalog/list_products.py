from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.product_list import ProductList
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    category: str | Unset = UNSET,
    in_stock: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    q: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["category"] = category

    params["in_stock"] = in_stock

    params["limit"] = limit

    params["next_token"] = next_token

    params["q"] = q


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/products",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ProductList:
    if response.status_code == 200:
        response_200 = ProductList.from_dict(response.json())



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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | ProductList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    category: str | Unset = UNSET,
    in_stock: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    q: str | Unset = UNSET,

) -> Response[Error | ProductList]:
    """ The catalog, by product id; ?q= finds products by id, ISBN or name word

    Args:
        category (str | Unset):
        in_stock (bool | Unset):
        limit (int | Unset): Items per page (default 50)
        next_token (str | Unset): Cursor from a previous page (opaque)
        q (str | Unset): Search: the start of a product id or ISBN (any case), or of any word of
            its name (each word of the text begins one); the first `limit` matches, ids first; no
            next_token

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProductList]
     """


    kwargs = _get_kwargs(
        category=category,
in_stock=in_stock,
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
    category: str | Unset = UNSET,
    in_stock: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    q: str | Unset = UNSET,

) -> Error | ProductList | None:
    """ The catalog, by product id; ?q= finds products by id, ISBN or name word

    Args:
        category (str | Unset):
        in_stock (bool | Unset):
        limit (int | Unset): Items per page (default 50)
        next_token (str | Unset): Cursor from a previous page (opaque)
        q (str | Unset): Search: the start of a product id or ISBN (any case), or of any word of
            its name (each word of the text begins one); the first `limit` matches, ids first; no
            next_token

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProductList
     """


    return sync_detailed(
        client=client,
category=category,
in_stock=in_stock,
limit=limit,
next_token=next_token,
q=q,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    category: str | Unset = UNSET,
    in_stock: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    q: str | Unset = UNSET,

) -> Response[Error | ProductList]:
    """ The catalog, by product id; ?q= finds products by id, ISBN or name word

    Args:
        category (str | Unset):
        in_stock (bool | Unset):
        limit (int | Unset): Items per page (default 50)
        next_token (str | Unset): Cursor from a previous page (opaque)
        q (str | Unset): Search: the start of a product id or ISBN (any case), or of any word of
            its name (each word of the text begins one); the first `limit` matches, ids first; no
            next_token

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProductList]
     """


    kwargs = _get_kwargs(
        category=category,
in_stock=in_stock,
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
    category: str | Unset = UNSET,
    in_stock: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    next_token: str | Unset = UNSET,
    q: str | Unset = UNSET,

) -> Error | ProductList | None:
    """ The catalog, by product id; ?q= finds products by id, ISBN or name word

    Args:
        category (str | Unset):
        in_stock (bool | Unset):
        limit (int | Unset): Items per page (default 50)
        next_token (str | Unset): Cursor from a previous page (opaque)
        q (str | Unset): Search: the start of a product id or ISBN (any case), or of any word of
            its name (each word of the text begins one); the first `limit` matches, ids first; no
            next_token

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProductList
     """


    return (await asyncio_detailed(
        client=client,
category=category,
in_stock=in_stock,
limit=limit,
next_token=next_token,
q=q,

    )).parsed
