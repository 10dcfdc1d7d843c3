"""The app stack's alarms and dashboard (ops/package.py adds them).

Every alarm notifies one SNS topic, `AlarmTopic`; the template parameter
`AlarmEmail` subscribes an address to it (AWS sends a confirmation mail
first). docs/operations.md, "Alarms", says what each one means and what to
do. The business metrics on the dashboard are the functions' own Embedded
Metric Format log lines: namespace `OMS`, dimension `Stage`."""
import json
from typing import Dict, List

from ops.provision import dead_letter_queue_name
from ops.stage import ACCOUNT, APP_NAME, REGION, stage_settings, state_machine_arn

TOPIC = "AlarmTopic"
EMAIL_PARAMETER = "AlarmEmail"
WORKFLOW_FAILURES_PARAMETER = "WorkflowFailuresPerFiveMinutes"
METRICS_NAMESPACE = "OMS"
BUSINESS_METRICS = ("OrdersCreated", "OrdersFailed", "OrdersShipped", "WorkflowFailures", "WebhookDeliveriesFailed")
FIVE_MINUTES = 300
# A stream record older than this has waited behind a failing batch (or a
# backlog) for minutes: backups, counts and webhooks are late by as much.
ITERATOR_AGE_MS = 5 * 60 * 1000
API_5XX_RATE = 0.01  # 1% of requests
API_P99_MS = 3000


def parameters() -> Dict[str, dict]:
    return {
        EMAIL_PARAMETER: {"Type": "String", "Default": "", "AllowedPattern": r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$",
                          "Description": "Who gets the alarms (AWS mails a confirmation link first); empty: nobody yet"},
        WORKFLOW_FAILURES_PARAMETER: {
            "Type": "Number", "Default": 5, "MinValue": 1,
            "Description": "Failed workflow runs in five minutes that raise the alarm (an order out of stock fails "
                           "its run too, so a few are normal)"},
    }


def _alarm(description: str, metric: dict, threshold, periods: int = 1, comparison: str = "GreaterThanThreshold",
           alarm_when_missing: bool = False) -> dict:
    """`metric`: either Namespace/MetricName/Dimensions/Statistic (or
    ExtendedStatistic) or Metrics (metric math)."""
    return {"Type": "AWS::CloudWatch::Alarm", "Properties": {
        "AlarmDescription": description, "ActionsEnabled": True,
        "AlarmActions": [{"Ref": TOPIC}], "OKActions": [{"Ref": TOPIC}],
        "ComparisonOperator": comparison, "Threshold": threshold,
        "EvaluationPeriods": periods, "DatapointsToAlarm": periods,
        "TreatMissingData": "breaching" if alarm_when_missing else "notBreaching", **metric}}


def _metric(namespace: str, name: str, dimensions: Dict[str, object], statistic: str = "Sum",
            period: int = FIVE_MINUTES) -> dict:
    spelled = {"Namespace": namespace, "MetricName": name, "Period": period,
               "Dimensions": [{"Name": key, "Value": value} for key, value in dimensions.items()]}
    spelled["ExtendedStatistic" if statistic.startswith("p") else "Statistic"] = statistic
    return spelled


def _queue_not_empty(description: str, queue: str) -> dict:
    return _alarm(description, _metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", {"QueueName": queue}, "Maximum"), 0)


def _table_throttles(table: str) -> dict:
    read, write = ({"Id": key, "ReturnData": False, "MetricStat": {
        "Metric": {"Namespace": "AWS/DynamoDB", "MetricName": name, "Dimensions": [{"Name": "TableName", "Value": table}]},
        "Period": FIVE_MINUTES, "Stat": "Sum"}} for key, name in (("reads", "ReadThrottleEvents"),
                                                                   ("writes", "WriteThrottleEvents")))
    total = {"Id": "throttled", "Expression": "reads + writes", "Label": f"{table} throttled requests", "ReturnData": True}
    return _alarm(f"DynamoDB throttled requests on {table}: requests were refused and retried (latency, then errors)",
                  {"Metrics": [read, write, total]}, 0, periods=2)


def alarm_resources(stage: str, functions: List[str], stream_functions: List[str]) -> Dict[str, dict]:
    """Logical id -> alarm, for the stage's API, every function, the
    workflow, every stream mapping, the queues nobody drains and every table."""
    settings = stage_settings(stage, ACCOUNT, REGION)
    api = {"ApiName": APP_NAME, "Stage": stage}
    alarms = {
        "Api5xxRateAlarm": _alarm(f"API 5xx responses above {API_5XX_RATE:.0%} of requests (five minutes)",
                                  _metric("AWS/ApiGateway", "5XXError", api, "Average"), API_5XX_RATE),
        "ApiLatencyP99Alarm": _alarm(f"API p99 latency above {API_P99_MS} ms in two consecutive five-minute periods",
                                     _metric("AWS/ApiGateway", "Latency", api, "p99"), API_P99_MS, periods=2),
        "WorkflowFailuresAlarm": _alarm(
            "Order workflow runs failed (an order out of stock fails its run too; many at once is not that)",
            _metric("AWS/States", "ExecutionsFailed", {"StateMachineArn": state_machine_arn(settings)}),
            {"Ref": WORKFLOW_FAILURES_PARAMETER}, comparison="GreaterThanOrEqualToThreshold"),
        "StreamFailuresAlarm": _queue_not_empty(
            "Stream records a handler kept failing on wait in the failed-records queue (make replay-failed after a fix)",
            settings.stream_failures_queue),
        "WebhookDeadLettersAlarm": _queue_not_empty(
            "Webhook deliveries whose function kept crashing are in the dead-letter queue", dead_letter_queue_name(settings)),
    }
    for function in functions:
        name = {"FunctionName": {"Ref": function}}
        alarms[f"{function}ErrorsAlarm"] = _alarm(f"{function}: invocations failed (errors, timeouts)",
                                                  _metric("AWS/Lambda", "Errors", name), 0)
        alarms[f"{function}ThrottlesAlarm"] = _alarm(f"{function}: invocations throttled (concurrency limit)",
                                                     _metric("AWS/Lambda", "Throttles", name), 0)
    for function in stream_functions:
        alarms[f"{function}IteratorAgeAlarm"] = _alarm(
            f"{function}: its stream's oldest unprocessed record is over {ITERATOR_AGE_MS // 60000} minutes old",
            _metric("AWS/Lambda", "IteratorAge", {"FunctionName": {"Ref": function}}, "Maximum"), ITERATOR_AGE_MS,
            periods=2)
    for logical, table in settings.table_names.items():
        alarms[f"{''.join(p.capitalize() for p in logical.split('_'))}TableThrottlesAlarm"] = _table_throttles(table)
    return alarms


def _widget(title: str, metrics: List[list], stat: str = "Sum", period: int = FIVE_MINUTES) -> dict:
    return {"type": "metric", "width": 12, "height": 6, "properties": {
        "title": title, "region": "${AWS::Region}", "stat": stat, "period": period, "view": "timeSeries",
        "metrics": metrics}}


def dashboard_body(stage: str, functions: List[str], stream_functions: List[str]) -> str:
    """The dashboard's JSON, for Fn::Sub (`${AWS::Region}`, `${<Function>}`)."""
    settings = stage_settings(stage, ACCOUNT, REGION)
    api = ["ApiName", APP_NAME, "Stage", stage]
    business = ["Stage", stage]
    widgets = [
        _widget("Orders per minute", [[METRICS_NAMESPACE, name, *business] for name in
                                      ("OrdersCreated", "OrdersFailed", "OrdersShipped")], period=60),
        _widget("Workflow failures, webhook deliveries failed",
                [[METRICS_NAMESPACE, name, *business] for name in ("WorkflowFailures", "WebhookDeliveriesFailed")]),
        _widget("API requests and 5xx", [["AWS/ApiGateway", "Count", *api], ["AWS/ApiGateway", "5XXError", *api],
                                         ["AWS/ApiGateway", "4XXError", *api]]),
        _widget("API latency p50 / p99 (ms)", [["AWS/ApiGateway", "Latency", *api, {"stat": "p50"}],
                                               ["AWS/ApiGateway", "Latency", *api, {"stat": "p99"}]], stat="p99"),
        _widget("Lambda errors", [["AWS/Lambda", "Errors", "FunctionName", "${%s}" % f] for f in functions]),
        _widget("Lambda throttles", [["AWS/Lambda", "Throttles", "FunctionName", "${%s}" % f] for f in functions]),
        _widget("Stream iterator age (ms)", [["AWS/Lambda", "IteratorAge", "FunctionName", "${%s}" % f]
                                             for f in stream_functions], stat="Maximum"),
        _widget("Workflow runs", [["AWS/States", name, "StateMachineArn", state_machine_arn(settings)]
                                  for name in ("ExecutionsStarted", "ExecutionsFailed", "ExecutionsTimedOut")]),
        _widget("Queues nobody drains (messages)", [
            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue]
            for queue in (settings.stream_failures_queue, dead_letter_queue_name(settings))], stat="Maximum"),
        _widget("DynamoDB throttled requests", [["AWS/DynamoDB", name, "TableName", table]
                                                for table in settings.table_names.values()
                                                for name in ("ReadThrottleEvents", "WriteThrottleEvents")]),
    ]
    return json.dumps({"widgets": widgets}, separators=(",", ":"))


def monitoring_resources(stage: str, functions: List[str], stream_functions: List[str]) -> Dict[str, dict]:
    """The topic, its optional e-mail subscription, every alarm, the dashboard."""
    resources = {
        TOPIC: {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": f"{APP_NAME} {stage} alarms"}},
        "AlarmTopicPolicy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {
            "Topics": [{"Ref": TOPIC}], "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Sid": "CloudWatchAlarmsPublish", "Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"},
                "Action": "sns:Publish", "Resource": {"Ref": TOPIC},
                "Condition": {"StringEquals": {"AWS:SourceAccount": {"Ref": "AWS::AccountId"}}}}]}}},
        "AlarmEmailSubscription": {"Type": "AWS::SNS::Subscription", "Condition": "HasAlarmEmail", "Properties": {
            "TopicArn": {"Ref": TOPIC}, "Protocol": "email", "Endpoint": {"Ref": EMAIL_PARAMETER}}},
        "Dashboard": {"Type": "AWS::CloudWatch::Dashboard", "Properties": {
            "DashboardName": {"Fn::Sub": f"{APP_NAME}-{stage}-${{AWS::Region}}"},
            "DashboardBody": {"Fn::Sub": dashboard_body(stage, functions, stream_functions)}}},
    }
    resources.update(alarm_resources(stage, functions, stream_functions))
    return resources


CONDITIONS = {"HasAlarmEmail": {"Fn::Not": [{"Fn::Equals": [{"Ref": EMAIL_PARAMETER}, ""]}]}}
