"""The Lambda's least-privilege IAM policy, generated per stage from the
actual resource ARNs (Chalice's policy generator cannot see `chalicelib/`).

Each statement grants only calls the code makes on the resources it makes
them on; `tests/test_policy.py` records the calls the app really makes and
fails if this grants anything else. Two grants are for calls AWS makes on the
function's behalf: writing its logs, and Lambda reading the table streams
that trigger the backup functions."""
from typing import Dict, List

# IAM actions per table, from the data access code:
#   GetItem      chalicelib.order_store.get, catalog.get_*, auth._load, counters.read_total
#   BatchGetItem catalog.load_for_order, listing (orders, counters), catalog.list_products, dynamo.ping
#   Query        listing (order indexes), catalog.list_products / list_customers
#   PutItem / UpdateItem / DeleteItem: the transactions in order_store, catalog, idempotency
TABLE_ACTIONS: Dict[str, List[str]] = {
    "orders": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
               "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
    "products": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    "customers": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem"],
    "counters": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem"],
    "api_keys": ["dynamodb:GetItem", "dynamodb:BatchGetItem"],
    "idempotency": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem"],
}
INDEXED_TABLES = ("orders", "products", "customers")
STREAM_ACTIONS = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]


def lambda_policy(*, region: str, account: str, app_name: str, stage: str, table_arns: Dict[str, str],
                  stream_arns: Dict[str, str], backup_bucket: str, state_machine_arn: str) -> dict:
    statements = []
    for logical, actions in TABLE_ACTIONS.items():
        resources = [table_arns[logical]]
        if logical in INDEXED_TABLES:
            resources.append(f"{table_arns[logical]}/index/*")
        statements.append({"Sid": f"Table{_camel(logical)}", "Effect": "Allow",
                           "Action": [a for a in actions if a != "dynamodb:Query"], "Resource": [table_arns[logical]]})
        if "dynamodb:Query" in actions:
            statements.append({"Sid": f"Query{_camel(logical)}", "Effect": "Allow", "Action": ["dynamodb:Query"],
                               "Resource": resources})
    execution_prefix = state_machine_arn.replace(":stateMachine:", ":execution:", 1)
    statements += [
        {"Sid": "StartAndListOrderWorkflows", "Effect": "Allow",
         "Action": ["states:StartExecution", "states:ListExecutions"], "Resource": [state_machine_arn]},
        {"Sid": "ReadOrderWorkflowExecutions", "Effect": "Allow",
         "Action": ["states:DescribeExecution", "states:GetExecutionHistory"], "Resource": [f"{execution_prefix}:*"]},
        {"Sid": "WriteBackups", "Effect": "Allow", "Action": ["s3:PutObject"],
         "Resource": [f"arn:aws:s3:::{backup_bucket}/{prefix}/*" for prefix in ("orders", "products", "customers")]},
        {"Sid": "LambdaReadsTableStreams", "Effect": "Allow", "Action": STREAM_ACTIONS,
         "Resource": sorted(stream_arns.values())},
        {"Sid": "FunctionLogGroups", "Effect": "Allow", "Action": ["logs:CreateLogGroup"],
         "Resource": [f"arn:aws:logs:{region}:{account}:log-group:/aws/lambda/{app_name}-{stage}-*"]},
        {"Sid": "FunctionLogStreams", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": [f"arn:aws:logs:{region}:{account}:log-group:/aws/lambda/{app_name}-{stage}-*:*"]},
    ]
    return {"Version": "2012-10-17", "Statement": statements}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))
