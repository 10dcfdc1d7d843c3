"""What the app costs, metered and priced: DynamoDB capacity as AWS bills it
(capacity), sequential round trips of a request (round_trips), AWS list
prices (prices) and the webhook delivery cost model (webhook_costs). Shared
by the benchmarks (bench/) and the tests, so neither imports the other."""
