"""The API's edge in the app stack (ops/package.py applies it to Chalice's
`RestAPI`): throttling from template parameters (the stage, and lower for
every write route), X-Ray tracing, JSON access logs, and an optional WAF web
ACL with a rate-based rule per client address (attached to the API stage;
the website's CloudFront distribution takes a global web ACL's ARN, which
only us-east-1 can hold)."""
from typing import Dict, List

WRITE_METHODS = ("post", "put", "patch", "delete")
# What a small shop's API needs, with room: a burst of a few hundred
# requests, then a steady rate (requests per second); per stage, over every
# client. Write routes get a quarter. Raise them with the deploy parameters.
THROTTLE_DEFAULTS = {"ApiRateLimit": 200, "ApiBurstLimit": 400, "WriteRateLimit": 50, "WriteBurstLimit": 100}
WAF_PARAMETER = "WafRequestsPerFiveMinutes"
WEBSITE_ACL_PARAMETER = "WebsiteWebAclArn"
ACCESS_LOG_GROUP = "ApiAccessLogGroup"
# One JSON object per request. `path` is the request's own (an order's id in
# it), never its query string (a key pasted into a URL stays out of the log);
# `lambdaRequestId` finds the function's log lines of the same request.
ACCESS_LOG_FORMAT = {
    "requestId": "$context.requestId", "time": "$context.requestTime", "ip": "$context.identity.sourceIp",
    "method": "$context.httpMethod", "route": "$context.resourcePath", "path": "$context.path",
    "status": "$context.status", "latencyMs": "$context.responseLatency",
    "integrationLatencyMs": "$context.integrationLatency", "lambdaRequestId": "$context.integration.requestId",
    "responseBytes": "$context.responseLength", "apiKeyId": "$context.identity.apiKeyId",
    "userAgent": "$context.identity.userAgent", "error": "$context.error.message", "waf": "$context.waf.status",
}


def parameters() -> Dict[str, dict]:
    spelled = {name: {"Type": "Number", "Default": value, "MinValue": 1,
                      "Description": f"API Gateway throttling: {name} (requests per second; bursts in requests)"}
               for name, value in THROTTLE_DEFAULTS.items()}
    spelled[WAF_PARAMETER] = {
        "Type": "Number", "Default": 0, "MinValue": 0,
        "Description": "Requests one client address may make in five minutes before WAF blocks it (0: no web ACL)"}
    spelled[WEBSITE_ACL_PARAMETER] = {
        "Type": "String", "Default": "", "AllowedPattern": "^$|^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]+:global/webacl/.+",
        "Description": "A global (CloudFront scope) WAF web ACL for the website, which AWS keeps in N. Virginia; empty: none"}
    spelled["SetApiGatewayLogsRole"] = {
        "Type": "String", "Default": "yes", "AllowedValues": ["yes", "no"],
        "Description": "Make API Gateway's account-wide CloudWatch Logs role (access logs need one); "
                       "no: the account already has it"}
    return spelled


CONDITIONS = {
    "HasWaf": {"Fn::Not": [{"Fn::Equals": [{"Ref": WAF_PARAMETER}, 0]}]},
    "HasWebsiteWebAcl": {"Fn::Not": [{"Fn::Equals": [{"Ref": WEBSITE_ACL_PARAMETER}, ""]}]},
    "SetsApiGatewayLogsRole": {"Fn::Equals": [{"Ref": "SetApiGatewayLogsRole"}, "yes"]},
}


def _escape(path: str) -> str:
    """A resource path as MethodSettings spell it (`/` is `~1`)."""
    return "/" + path.replace("/", "~1")


def write_routes(definition_body: dict) -> List[tuple]:
    """(path, METHOD) of every route that writes, from the API's OpenAPI body."""
    return sorted((path, method.upper()) for path, operations in definition_body.get("paths", {}).items()
                  for method in operations if method in WRITE_METHODS)


def method_settings(definition_body: dict) -> List[dict]:
    stage = {"ResourcePath": "/*", "HttpMethod": "*", "MetricsEnabled": True,
             "ThrottlingRateLimit": {"Ref": "ApiRateLimit"}, "ThrottlingBurstLimit": {"Ref": "ApiBurstLimit"}}
    writes = [{"ResourcePath": _escape(path), "HttpMethod": method, "MetricsEnabled": True,
               "ThrottlingRateLimit": {"Ref": "WriteRateLimit"}, "ThrottlingBurstLimit": {"Ref": "WriteBurstLimit"}}
              for path, method in write_routes(definition_body)]
    return [stage, *writes]


def apply(template: dict, stage: str, log_retention_days: int) -> None:
    """Throttling, tracing and access logs on `RestAPI`; the log group, the
    account's logging role and the optional web ACL beside it."""
    import json

    from ops.stage import APP_NAME

    api = template["Resources"]["RestAPI"]["Properties"]
    api["MethodSettings"] = method_settings(api["DefinitionBody"])
    api["TracingEnabled"] = True
    api["AccessLogSetting"] = {"DestinationArn": {"Fn::GetAtt": [ACCESS_LOG_GROUP, "Arn"]},
                               "Format": json.dumps(ACCESS_LOG_FORMAT, separators=(",", ":"))}
    visibility = {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True}
    template["Resources"].update({
        ACCESS_LOG_GROUP: {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain",
                           "Properties": {"RetentionInDays": log_retention_days}},
        "ApiGatewayLogsRole": {"Type": "AWS::IAM::Role", "Condition": "SetsApiGatewayLogsRole", "Properties": {
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
            "ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/"
                                              "AmazonAPIGatewayPushToCloudWatchLogs"}]}},
        "ApiGatewayAccount": {"Type": "AWS::ApiGateway::Account", "Condition": "SetsApiGatewayLogsRole",
                              "Properties": {"CloudWatchRoleArn": {"Fn::GetAtt": ["ApiGatewayLogsRole", "Arn"]}}},
        "ApiWebAcl": {"Type": "AWS::WAFv2::WebACL", "Condition": "HasWaf", "Properties": {
            "Name": f"{APP_NAME}-{stage}-api", "Scope": "REGIONAL", "DefaultAction": {"Allow": {}},
            "VisibilityConfig": {**visibility, "MetricName": f"{APP_NAME}-{stage}-api"},
            "Rules": [{"Name": "requests-per-client-address", "Priority": 0, "Action": {"Block": {}},
                       "Statement": {"RateBasedStatement": {"Limit": {"Ref": WAF_PARAMETER}, "AggregateKeyType": "IP"}},
                       "VisibilityConfig": {**visibility, "MetricName": f"{APP_NAME}-{stage}-api-rate"}}]}},
        "ApiWebAclAssociation": {"Type": "AWS::WAFv2::WebACLAssociation", "Condition": "HasWaf", "Properties": {
            "ResourceArn": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${RestAPI}/stages/"
                                       "${RestAPI.Stage}"},
            "WebACLArn": {"Fn::GetAtt": ["ApiWebAcl", "Arn"]}}},
    })
    distribution = template["Resources"]["WebsiteDistribution"]["Properties"]["DistributionConfig"]
    distribution["WebACLId"] = {"Fn::If": ["HasWebsiteWebAcl", {"Ref": WEBSITE_ACL_PARAMETER}, {"Ref": "AWS::NoValue"}]}
