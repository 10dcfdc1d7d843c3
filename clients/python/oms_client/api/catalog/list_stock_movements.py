from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.stock_movements import StockMovements
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    product_id: str,
    *,
    limit: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/products/{product_id}/movements".format(product_id=quote(str(product_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | StockMovements:
    if response.status_code == 200:
        response_200 = StockMovements.from_dict(response.json())



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

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())



        return response_404

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())



        return response_422

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())



        return response_503

    response_default = Error.from_dict(response.json())



    return response_default



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | StockMovements]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    product_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,

) -> Response[Error | StockMovements]:
    """ A product's newest stock movements: restocks and corrections (with their reason) and its orders

    Args:
        product_id (str):
        limit (int | Unset): Items per page (default 20)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | StockMovements]
     """


    kwargs = _get_kwargs(
        product_id=product_id,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    product_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,

) -> Error | StockMovements | None:
    """ A product's newest stock movements: restocks and corrections (with their reason) and its orders

    Args:
        product_id (str):
        limit (int | Unset): Items per page (default 20)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | StockMovements
     """


    return sync_detailed(
        product_id=product_id,
client=client,
limit=limit,

    ).parsed

async def asyncio_detailed(
    product_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,

) -> Response[Error | StockMovements]:
    """ A product's newest stock movements: restocks and corrections (with their reason) and its orders

    Args:
        product_id (str):
        limit (int | Unset): Items per page (default 20)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | StockMovements]
     """


    kwargs = _get_kwargs(
        product_id=product_id,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    product_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,

) -> Error | StockMovements | None:
    """ A product's newest stock movements: restocks and corrections (with their reason) and its orders

    Args:
        product_id (str):
        limit (int | Unset): Items per page (default 20)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | StockMovements
     """


    return (await asyncio_detailed(
        product_id=product_id,
client=client,
limit=limit,

    )).parsed
