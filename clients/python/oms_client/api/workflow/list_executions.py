from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.execution_list import ExecutionList
from ...models.execution_status import ExecutionStatus
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    status: ExecutionStatus | Unset = UNSET,
    limit: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/executions",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ExecutionList:
    if response.status_code == 200:
        response_200 = ExecutionList.from_dict(response.json())



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

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())



        return response_503

    response_default = Error.from_dict(response.json())



    return response_default



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | ExecutionList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: ExecutionStatus | Unset = UNSET,
    limit: int | Unset = UNSET,

) -> Response[Error | ExecutionList]:
    """ Recent executions of the order workflow

    Args:
        status (ExecutionStatus | Unset):
        limit (int | Unset): Items per page (default 20)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ExecutionList]
     """


    kwargs = _get_kwargs(
        status=status,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    status: ExecutionStatus | Unset = UNSET,
    limit: int | Unset = UNSET,

) -> Error | ExecutionList | None:
    """ Recent executions of the order workflow

    Args:
        status (ExecutionStatus | Unset):
        limit (int | Unset): Items per page (default 20)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ExecutionList
     """


    return sync_detailed(
        client=client,
status=status,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: ExecutionStatus | Unset = UNSET,
    limit: int | Unset = UNSET,

) -> Response[Error | ExecutionList]:
    """ Recent executions of the order workflow

    Args:
        status (ExecutionStatus | Unset):
        limit (int | Unset): Items per page (default 20)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ExecutionList]
     """


    kwargs = _get_kwargs(
        status=status,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: ExecutionStatus | Unset = UNSET,
    limit: int | Unset = UNSET,

) -> Error | ExecutionList | None:
    """ Recent executions of the order workflow

    Args:
        status (ExecutionStatus | Unset):
        limit (int | Unset): Items per page (default 20)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ExecutionList
     """


    return (await asyncio_detailed(
        client=client,
status=status,
limit=limit,

    )).parsed
