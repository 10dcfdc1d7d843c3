"""Least-privilege IAM policies, one per Lambda function, generated from the
stage's resource names (Chalice's policy generator cannot see `chalicelib/`).

Each function has its own role (`lambda_functions` in `.chalice/config.json`):
* `api_handler` (every route): the tables and the workflow's executions, and
  the staff page's Cognito admin calls on the stage's own user pool
  (ops/staff_pool.py); no S3 at all (backups are written by the stream
  functions, never the API);
* `backup_<table>` (one per table stream): reading its own stream, writing
  its own prefix of the backup bucket; the orders one also folds the order
  counts, starts workflow runs the API could not start and records and
  queues webhook deliveries;
* `deliver_webhooks` (the webhook queue): reading a delivery and its
  endpoint, recording attempts, delaying a message to retry it.

Each statement grants only calls the code makes on the resources it makes
them on; `tests/test_policy.py` records the calls each function really makes
and fails if its policy grants anything else. Two kinds of grant are for calls
AWS makes on the function's behalf: writing its logs, and Lambda reading the
table stream that triggers it.

Resource names use `${AWS::AccountId}` and `${AWS::Region}` (ops.stage), and
the user pool's id its template parameter (`${StaffUserPoolId}`), so the
committed files are what the template deploys, in any account."""
from typing import Dict, List

from chalicelib.core.settings import STREAMED_TABLES

# The API's IAM actions per table, from the data access code:
#   GetItem      order_store.get, catalog, auth, counters.read, idempotency claims, e-mail search
#   BatchGetItem catalog.load_for_order, listing, catalog lists, health (dynamo.ping), dashboard days
#   Query        listing (order indexes), catalog.list_products / list_customers (indexes only)
#   PutItem / UpdateItem / DeleteItem: the transactions in order_store, catalog (restocks: their applied#
#                operation marker in the idempotency table), idempotency;
#   UpdateItem on counters: a block of order numbers (data.order_numbers)
API_TABLE_ACTIONS: Dict[str, List[str]] = {
    "orders": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
               "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
    "products": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    "customers": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem"],
    "counters": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem"],
    "api_keys": ["dynamodb:GetItem", "dynamodb:BatchGetItem"],
    "idempotency": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem"],
    # Webhook endpoints and deliveries (chalicelib/data/webhook_store.py).
    "webhooks": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
                 "dynamodb:DeleteItem"],
    # The search box's entries (chalicelib/data/search_index.py), read only
    # (BatchGetItem: the health check touches every table).
    "search": ["dynamodb:BatchGetItem", "dynamodb:Query"],
}
# Tables queried by their own key (one partition), not through an index.
TABLE_QUERIES = {"webhooks", "search"}
# The stream functions' table actions beyond their own stream (chalicelib/events/):
# the orders stream folds each batch into the counters (one transaction with
# an applied-batch marker, chalicelib.data.counters.apply); every stream keeps
# its search entries (chalicelib.events.search_index).
SEARCH_WRITES = {"search": ["dynamodb:BatchWriteItem"]}
STREAM_TABLE_ACTIONS: Dict[str, Dict[str, List[str]]] = {
    "orders": {"counters": ["dynamodb:PutItem", "dynamodb:UpdateItem"], "webhooks": ["dynamodb:Query", "dynamodb:PutItem"],
               **SEARCH_WRITES},
    "products": SEARCH_WRITES,
    "customers": SEARCH_WRITES,
}
# Step Functions calls of the stream functions: the orders one starts missing runs.
STREAM_STATES_ACTIONS: Dict[str, List[str]] = {"orders": ["states:StartExecution"], "products": [], "customers": []}
# The webhook queue: the API re-queues deliveries (retry, replay, test) and the
# orders stream queues new ones; the delivery function delays a message to
# retry it. Lambda receives and deletes its messages (service side).
API_QUEUE_ACTIONS = ["sqs:SendMessage"]
STREAM_QUEUE_ACTIONS: Dict[str, List[str]] = {"orders": ["sqs:SendMessage"], "products": [], "customers": []}
DELIVERY_TABLE_ACTIONS = {"webhooks": ["dynamodb:GetItem", "dynamodb:UpdateItem"]}
DELIVERY_QUEUE_ACTIONS = ["sqs:ChangeMessageVisibility"]
LAMBDA_QUEUE_ACTIONS = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
DELIVERY_FUNCTION = "deliver_webhooks"
STREAM_ACTIONS = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
# Statements for calls AWS makes on a function's behalf (checked for scope only).
SERVICE_SIDE = {"LambdaReadsTableStream", "LambdaReadsWebhookQueue", "LambdaSendsFailedRecords", "FunctionLogGroup",
                "FunctionLogStreams"}
API_FUNCTION = "api_handler"
# The CloudFormation logical id Chalice gives each function: functions are
# named <stack>-<LogicalId>-<suffix>, so their log groups are predictable.
LOGICAL_IDS = {API_FUNCTION: "APIHandler", **{f"backup_{kind}": f"Backup{kind.capitalize()}" for kind in STREAMED_TABLES},
               DELIVERY_FUNCTION: "DeliverWebhooks"}


def _table_statements(table_actions: Dict[str, List[str]], table_arns: Dict[str, str], sid_prefix: str) -> List[dict]:
    statements = []
    for logical, actions in table_actions.items():
        direct = [a for a in actions if a != "dynamodb:Query" or logical in TABLE_QUERIES]
        if direct:
            statements.append({"Sid": f"{sid_prefix}{_camel(logical)}", "Effect": "Allow", "Action": direct,
                               "Resource": [table_arns[logical]]})
        if "dynamodb:Query" in actions and logical not in TABLE_QUERIES:  # lists only ever query the indexes
            statements.append({"Sid": f"Query{_camel(logical)}Indexes", "Effect": "Allow", "Action": ["dynamodb:Query"],
                               "Resource": [f"{table_arns[logical]}/index/*"]})
    return statements


def _log_statements(region: str, account: str, app_name: str, stage: str, function: str) -> List[dict]:
    group = f"arn:aws:logs:{region}:{account}:log-group:/aws/lambda/{app_name}-{stage}-{LOGICAL_IDS[function]}-*"
    return [
        {"Sid": "FunctionLogGroup", "Effect": "Allow", "Action": ["logs:CreateLogGroup"], "Resource": [group]},
        {"Sid": "FunctionLogStreams", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": [f"{group}:*"]},
    ]


def _queue_statement(sid: str, actions: List[str], queue_arn: str) -> dict:
    return {"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": [queue_arn]}


def api_policy(*, region: str, account: str, app_name: str, stage: str, table_arns: Dict[str, str],
               state_machine_arn: str, queue_arn: str, user_pool_arn: str) -> dict:
    from ops.staff_pool import api_policy_statement

    execution_prefix = state_machine_arn.replace(":stateMachine:", ":execution:", 1)
    statements = _table_statements(API_TABLE_ACTIONS, table_arns, "Table")
    statements += [
        {"Sid": "StartAndListOrderWorkflows", "Effect": "Allow",
         "Action": ["states:StartExecution", "states:ListExecutions"], "Resource": [state_machine_arn]},
        {"Sid": "ReadOrderWorkflowExecutions", "Effect": "Allow",
         "Action": ["states:DescribeExecution", "states:GetExecutionHistory"], "Resource": [f"{execution_prefix}:*"]},
        _queue_statement("QueueWebhookDeliveries", API_QUEUE_ACTIONS, queue_arn),
        api_policy_statement([user_pool_arn]),
    ]
    statements += _log_statements(region, account, app_name, stage, API_FUNCTION)
    return {"Version": "2012-10-17", "Statement": statements}


def stream_policy(kind: str, *, region: str, account: str, app_name: str, stage: str, table_arns: Dict[str, str],
                  backup_bucket: str, state_machine_arn: str, queue_arn: str, failures_queue_arn: str) -> dict:
    statements = _table_statements(STREAM_TABLE_ACTIONS[kind], table_arns, "Table")
    if STREAM_STATES_ACTIONS[kind]:
        statements.append({"Sid": "StartMissingOrderWorkflows", "Effect": "Allow", "Action": STREAM_STATES_ACTIONS[kind],
                           "Resource": [state_machine_arn]})
    if STREAM_QUEUE_ACTIONS[kind]:
        statements.append(_queue_statement("QueueWebhookDeliveries", STREAM_QUEUE_ACTIONS[kind], queue_arn))
    statements += [
        {"Sid": "WriteBackups", "Effect": "Allow", "Action": ["s3:PutObject"],
         "Resource": [f"arn:aws:s3:::{backup_bucket}/{kind}/*"]},
        {"Sid": "LambdaReadsTableStream", "Effect": "Allow", "Action": STREAM_ACTIONS,
         "Resource": [f"{table_arns[kind]}/stream/*"]},
        # The mapping's on-failure destination: Lambda sends a record the
        # handler kept failing on with the function's role.
        _queue_statement("LambdaSendsFailedRecords", ["sqs:SendMessage"], failures_queue_arn),
    ]
    statements += _log_statements(region, account, app_name, stage, f"backup_{kind}")
    return {"Version": "2012-10-17", "Statement": statements}


def delivery_policy(*, region: str, account: str, app_name: str, stage: str, table_arns: Dict[str, str],
                    queue_arn: str) -> dict:
    statements = _table_statements(DELIVERY_TABLE_ACTIONS, table_arns, "Table")
    statements += [_queue_statement("RetryWebhookDeliveries", DELIVERY_QUEUE_ACTIONS, queue_arn),
                   _queue_statement("LambdaReadsWebhookQueue", LAMBDA_QUEUE_ACTIONS, queue_arn)]
    statements += _log_statements(region, account, app_name, stage, DELIVERY_FUNCTION)
    return {"Version": "2012-10-17", "Statement": statements}


def function_policies(*, region: str, account: str, app_name: str, stage: str, table_arns: Dict[str, str],
                      backup_bucket: str, state_machine_arn: str, queue_arn: str,
                      failures_queue_arn: str, user_pool_arn: str) -> Dict[str, dict]:
    """Function name -> its policy document."""
    common = {"region": region, "account": account, "app_name": app_name, "stage": stage, "table_arns": table_arns}
    policies = {API_FUNCTION: api_policy(**common, state_machine_arn=state_machine_arn, queue_arn=queue_arn,
                                         user_pool_arn=user_pool_arn)}
    for kind in STREAMED_TABLES:
        policies[f"backup_{kind}"] = stream_policy(kind, **common, backup_bucket=backup_bucket,
                                                   state_machine_arn=state_machine_arn, queue_arn=queue_arn,
                                                   failures_queue_arn=failures_queue_arn)
    policies[DELIVERY_FUNCTION] = delivery_policy(**common, queue_arn=queue_arn)
    return policies


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def for_stage(settings, *, account: str, app_name: str = "oms") -> Dict[str, dict]:
    """The policies from a stage's resource names (every ARN is predictable)."""
    tables = {logical: f"arn:aws:dynamodb:{settings.region}:{account}:table/{name}"
              for logical, name in settings.table_names.items()}
    state_machine = f"arn:aws:states:{settings.region}:{account}:stateMachine:{settings.state_machine_name}"
    from ops.stage import stream_failures_queue_arn, user_pool_arn, webhook_queue_arn

    return function_policies(region=settings.region, account=account, app_name=app_name, stage=settings.stage,
                             table_arns=tables, backup_bucket=settings.backup_bucket, state_machine_arn=state_machine,
                             queue_arn=webhook_queue_arn(settings, account),
                             failures_queue_arn=stream_failures_queue_arn(settings, account),
                             user_pool_arn=user_pool_arn(settings, account))


def policy_file(stage: str, function: str) -> str:
    return f"policy-{stage}-{function}.json"


def write_stage(stage: str, chalice_dir) -> List[str]:
    """Writes `.chalice/policy-<stage>-<function>.json` for every function."""
    import json

    from ops.stage import ACCOUNT, REGION, stage_settings

    written = []
    for function, document in for_stage(stage_settings(stage, ACCOUNT, REGION), account=ACCOUNT).items():
        path = chalice_dir / policy_file(stage, function)
        path.write_text(json.dumps(document, indent=2) + "\n")
        written.append(str(path))
    return written


def main(argv=None) -> int:
    """Rewrite the committed policy files of a deployed stage (after a code
    change that calls AWS differently; tests/test_policy.py says when)."""
    import argparse
    import pathlib

    parser = argparse.ArgumentParser(prog="python -m ops.policy")
    parser.add_argument("--stage", required=True)
    args = parser.parse_args(argv)
    for path in write_stage(args.stage, pathlib.Path(__file__).resolve().parent.parent / ".chalice"):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main())
