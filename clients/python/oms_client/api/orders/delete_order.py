from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.cancel_order_request import CancelOrderRequest
from ...models.error import Error
from ...models.order_changed import OrderChanged
from ...models.order_deleted import OrderDeleted
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    order_id: str,
    *,
    body: CancelOrderRequest | Unset = UNSET,
    hard: bool | Unset = UNSET,
    reason: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match



    

    params: dict[str, Any] = {}

    params["hard"] = hard

    params["reason"] = reason


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/orders/{order_id}".format(order_id=quote(str(order_id), safe=""),),
        "params": params,
    }

    
    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | OrderChanged | OrderDeleted:
    if response.status_code == 200:
        def _parse_response_200(data: object) -> OrderChanged | OrderDeleted:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_order_cancelled_or_deleted_type_0 = OrderChanged.from_dict(data)



                return componentsschemas_order_cancelled_or_deleted_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_order_cancelled_or_deleted_type_1 = OrderDeleted.from_dict(data)



            return componentsschemas_order_cancelled_or_deleted_type_1

        response_200 = _parse_response_200(response.json())

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

    if response.status_code == 412:
        response_412 = Error.from_dict(response.json())



        return response_412

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



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | OrderChanged | OrderDeleted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelOrderRequest | Unset = UNSET,
    hard: bool | Unset = UNSET,
    reason: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Response[Error | OrderChanged | OrderDeleted]:
    """ Cancel an order (soft delete); ?hard=true with the admin scope deletes it for good

    Args:
        order_id (str):
        hard (bool | Unset): true deletes the order for good (admin)
        reason (str | Unset):
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (CancelOrderRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OrderChanged | OrderDeleted]
     """


    kwargs = _get_kwargs(
        order_id=order_id,
body=body,
hard=hard,
reason=reason,
idempotency_key=idempotency_key,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    order_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelOrderRequest | Unset = UNSET,
    hard: bool | Unset = UNSET,
    reason: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Error | OrderChanged | OrderDeleted | None:
    """ Cancel an order (soft delete); ?hard=true with the admin scope deletes it for good

    Args:
        order_id (str):
        hard (bool | Unset): true deletes the order for good (admin)
        reason (str | Unset):
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (CancelOrderRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OrderChanged | OrderDeleted
     """


    return sync_detailed(
        order_id=order_id,
client=client,
body=body,
hard=hard,
reason=reason,
idempotency_key=idempotency_key,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelOrderRequest | Unset = UNSET,
    hard: bool | Unset = UNSET,
    reason: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Response[Error | OrderChanged | OrderDeleted]:
    """ Cancel an order (soft delete); ?hard=true with the admin scope deletes it for good

    Args:
        order_id (str):
        hard (bool | Unset): true deletes the order for good (admin)
        reason (str | Unset):
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (CancelOrderRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OrderChanged | OrderDeleted]
     """


    kwargs = _get_kwargs(
        order_id=order_id,
body=body,
hard=hard,
reason=reason,
idempotency_key=idempotency_key,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    order_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelOrderRequest | Unset = UNSET,
    hard: bool | Unset = UNSET,
    reason: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Error | OrderChanged | OrderDeleted | None:
    """ Cancel an order (soft delete); ?hard=true with the admin scope deletes it for good

    Args:
        order_id (str):
        hard (bool | Unset): true deletes the order for good (admin)
        reason (str | Unset):
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (CancelOrderRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OrderChanged | OrderDeleted
     """


    return (await asyncio_detailed(
        order_id=order_id,
client=client,
body=body,
hard=hard,
reason=reason,
idempotency_key=idempotency_key,
if_match=if_match,

    )).parsed
