"""The Lambda's least-privilege IAM policy, generated per stage from the
actual resource ARNs (Chalice's policy generator cannot see `chalicelib/`).

Each statement grants only calls the code makes on the resources it makes
them on; `tests/test_policy.py` records the calls the app really makes and
fails if this grants anything else. Two grants are for calls AWS makes on the
function's behalf: writing its logs, and Lambda reading the table streams
that trigger the backup functions."""
from typing import Dict, List

from chalicelib.core.settings import STREAMED_TABLES

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
    "idempotency": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
}
STREAM_ACTIONS = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]


def lambda_policy(*, region: str, account: str, app_name: str, stage: str, table_arns: Dict[str, str],
                  backup_bucket: str, state_machine_arn: str) -> dict:
    statements = []
    for logical, actions in TABLE_ACTIONS.items():
        statements.append({"Sid": f"Table{_camel(logical)}", "Effect": "Allow",
                           "Action": [a for a in actions if a != "dynamodb:Query"], "Resource": [table_arns[logical]]})
        if "dynamodb:Query" in actions:  # lists only ever query the indexes
            statements.append({"Sid": f"Query{_camel(logical)}Indexes", "Effect": "Allow", "Action": ["dynamodb:Query"],
                               "Resource": [f"{table_arns[logical]}/index/*"]})
    execution_prefix = state_machine_arn.replace(":stateMachine:", ":execution:", 1)
    statements += [
        {"Sid": "StartAndListOrderWorkflows", "Effect": "Allow",
         "Action": ["states:StartExecution", "states:ListExecutions"], "Resource": [state_machine_arn]},
        {"Sid": "ReadOrderWorkflowExecutions", "Effect": "Allow",
         "Action": ["states:DescribeExecution", "states:GetExecutionHistory"], "Resource": [f"{execution_prefix}:*"]},
        {"Sid": "WriteBackups", "Effect": "Allow", "Action": ["s3:PutObject"],
         "Resource": [f"arn:aws:s3:::{backup_bucket}/{prefix}/*" for prefix in ("orders", "products", "customers")]},
        {"Sid": "LambdaReadsTableStreams", "Effect": "Allow", "Action": STREAM_ACTIONS,
         "Resource": [f"{table_arns[logical]}/stream/*" for logical in STREAMED_TABLES]},
        {"Sid": "FunctionLogGroups", "Effect": "Allow", "Action": ["logs:CreateLogGroup"],
         "Resource": [f"arn:aws:logs:{region}:{account}:log-group:/aws/lambda/{app_name}-{stage}-*"]},
        {"Sid": "FunctionLogStreams", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": [f"arn:aws:logs:{region}:{account}:log-group:/aws/lambda/{app_name}-{stage}-*:*"]},
    ]
    return {"Version": "2012-10-17", "Statement": statements}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def for_stage(settings, *, account: str, app_name: str = "oms") -> dict:
    """The policy from a stage's resource names (every ARN is predictable)."""
    tables = {logical: f"arn:aws:dynamodb:{settings.region}:{account}:table/{name}"
              for logical, name in settings.table_names.items()}
    state_machine = f"arn:aws:states:{settings.region}:{account}:stateMachine:{settings.state_machine_name}"
    return lambda_policy(region=settings.region, account=account, app_name=app_name, stage=settings.stage,
                         table_arns=tables, backup_bucket=settings.backup_bucket, state_machine_arn=state_machine)


def main(argv=None) -> int:
    """Write .chalice/policy-<stage>.json from the stage's resource names.
    `make deploy` does this with the real account; this is for the committed
    files and for reviewing what a stage would be granted."""
    import argparse
    import json
    import pathlib

    from chalicelib.core.settings import load_settings

    parser = argparse.ArgumentParser(prog="python -m ops.policy")
    parser.add_argument("--stage", required=True)
    parser.add_argument("--account", required=True)
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args(argv)
    if args.stage == "local":
        settings = load_settings({"OMS_STAGE": args.stage, "AWS_REGION": args.region})
    else:
        from ops.stage import stage_settings  # the bucket names `make deploy` gives the stage

        settings = stage_settings(args.stage, args.account, args.region)
    path = pathlib.Path(__file__).resolve().parent.parent / ".chalice" / f"policy-{args.stage}.json"
    path.write_text(json.dumps(for_stage(settings, account=args.account), indent=2) + "\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main())
