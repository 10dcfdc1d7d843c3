from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.product_saved import ProductSaved
from ...models.update_product_request import UpdateProductRequest
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    product_id: str,
    *,
    body: UpdateProductRequest,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/products/{product_id}".format(product_id=quote(str(product_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ProductSaved:
    if response.status_code == 200:
        response_200 = ProductSaved.from_dict(response.json())



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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())



        return response_422

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())



        return response_503

    response_default = Error.from_dict(response.json())



    return response_default



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | ProductSaved]:
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
    body: UpdateProductRequest,
    idempotency_key: str | Unset = UNSET,

) -> Response[Error | ProductSaved]:
    """ Change a product's price, details or stock (add_stock applies once per Idempotency-Key)

    Args:
        product_id (str):
        idempotency_key (str | Unset):
        body (UpdateProductRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProductSaved]
     """


    kwargs = _get_kwargs(
        product_id=product_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    product_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateProductRequest,
    idempotency_key: str | Unset = UNSET,

) -> Error | ProductSaved | None:
    """ Change a product's price, details or stock (add_stock applies once per Idempotency-Key)

    Args:
        product_id (str):
        idempotency_key (str | Unset):
        body (UpdateProductRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProductSaved
     """


    return sync_detailed(
        product_id=product_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    product_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateProductRequest,
    idempotency_key: str | Unset = UNSET,

) -> Response[Error | ProductSaved]:
    """ Change a product's price, details or stock (add_stock applies once per Idempotency-Key)

    Args:
        product_id (str):
        idempotency_key (str | Unset):
        body (UpdateProductRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProductSaved]
     """


    kwargs = _get_kwargs(
        product_id=product_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    product_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateProductRequest,
    idempotency_key: str | Unset = UNSET,

) -> Error | ProductSaved | None:
    """ Change a product's price, details or stock (add_stock applies once per Idempotency-Key)

    Args:
        product_id (str):
        idempotency_key (str | Unset):
        body (UpdateProductRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProductSaved
     """


    return (await asyncio_detailed(
        product_id=product_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
