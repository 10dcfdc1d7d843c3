"""AWS on-demand prices for us-east-1 used by the cost figures.

Taken from the AWS pricing pages (first pricing tier, x86 Lambda, DynamoDB
on-demand after the November 2024 reduction). Recorded 2026-11-25 from the
published list prices; this machine cannot reach the web to re-check them,
so check https://aws.amazon.com/pricing/ before relying on the dollars."""
PRICES_DATE = "2026-11-25 (list prices as published since the 2024-11-01 DynamoDB reduction)"
REGION = "us-east-1"

API_GATEWAY_REST_PER_MILLION = 3.50          # REST API requests, first 333 million a month
LAMBDA_REQUESTS_PER_MILLION = 0.20
LAMBDA_GB_SECOND = 0.0000166667              # x86
DYNAMODB_WRITE_REQUEST_UNIT_PER_MILLION = 0.625
DYNAMODB_READ_REQUEST_UNIT_PER_MILLION = 0.125
S3_PUT_PER_THOUSAND = 0.005                  # S3 Standard PUT, COPY, POST, LIST
STEP_FUNCTIONS_TRANSITION_PER_THOUSAND = 0.025  # Standard workflows
CLOUDWATCH_LOGS_INGEST_PER_GB = 0.50
SQS_FIFO_REQUESTS_PER_MILLION = 0.50          # FIFO queues, per 64 KB request chunk
DATA_TRANSFER_OUT_PER_GB = 0.09                # EC2/Lambda to the internet, first 10 TB a month
