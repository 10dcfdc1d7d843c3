from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.workflow_status import WorkflowStatus
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    identifier: str,
    *,
    history: bool | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["history"] = history


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/status/{identifier}".format(identifier=quote(str(identifier), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | WorkflowStatus:
    if response.status_code == 200:
        response_200 = WorkflowStatus.from_dict(response.json())



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

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())



        return response_503

    response_default = Error.from_dict(response.json())



    return response_default



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | WorkflowStatus]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    history: bool | Unset = UNSET,

) -> Response[Error | WorkflowStatus]:
    """ A workflow run: by order id from the order (one read); with ?history=true or by execution ARN from
    Step Functions, with its events (slower, rate-limited)

    Args:
        identifier (str):
        history (bool | Unset): true asks Step Functions for the run's input, output and recent
            events (slower, rate-limited); by default an order id is answered from the order

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WorkflowStatus]
     """


    kwargs = _get_kwargs(
        identifier=identifier,
history=history,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    history: bool | Unset = UNSET,

) -> Error | WorkflowStatus | None:
    """ A workflow run: by order id from the order (one read); with ?history=true or by execution ARN from
    Step Functions, with its events (slower, rate-limited)

    Args:
        identifier (str):
        history (bool | Unset): true asks Step Functions for the run's input, output and recent
            events (slower, rate-limited); by default an order id is answered from the order

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WorkflowStatus
     """


    return sync_detailed(
        identifier=identifier,
client=client,
history=history,

    ).parsed

async def asyncio_detailed(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    history: bool | Unset = UNSET,

) -> Response[Error | WorkflowStatus]:
    """ A workflow run: by order id from the order (one read); with ?history=true or by execution ARN from
    Step Functions, with its events (slower, rate-limited)

    Args:
        identifier (str):
        history (bool | Unset): true asks Step Functions for the run's input, output and recent
            events (slower, rate-limited); by default an order id is answered from the order

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WorkflowStatus]
     """


    kwargs = _get_kwargs(
        identifier=identifier,
history=history,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    identifier: str,
    *,
    client: AuthenticatedClient | Client,
    history: bool | Unset = UNSET,

) -> Error | WorkflowStatus | None:
    """ A workflow run: by order id from the order (one read); with ?history=true or by execution ARN from
    Step Functions, with its events (slower, rate-limited)

    Args:
        identifier (str):
        history (bool | Unset): true asks Step Functions for the run's input, output and recent
            events (slower, rate-limited); by default an order id is answered from the order

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WorkflowStatus
     """


    return (await asyncio_detailed(
        identifier=identifier,
client=client,
history=history,

    )).parsed
