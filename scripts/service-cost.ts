/**
 * `npx tsx scripts/service-cost.ts [--clusters 100] [--per-day 24] [--seconds 30] [--memory-mb 512]`: the monthly
 * AWS cost of the deployed service (serverless.yml) for N clusters audited K times a day, with the arithmetic.
 *
 * Request counts per cluster job are the ones test/e2e/service-fleet.test.ts asserts over the wire (2 S3 GETs,
 * 5 S3 PUTs, 1 SNS Publish per job; one SendMessageBatch per 10 jobs). The worker's duration is an input: measure
 * yours in the worker's log line `cluster audited` (`durationMs`).
 *
 * Prices: US East (N. Virginia), list prices as published in 2026, found through third-party summaries of the AWS
 * pricing pages (cited next to each figure); check them against https://aws.amazon.com/pricing before relying on
 * them. Free tiers are ignored (they only lower the figure).
 */

const PRICES = {
  // https://git.mcrn.ar/mariano/lambda_local_runner/.../lambda-13-cost.md and https://cloudchipr.com/blog/aws-lambda-pricing
  lambdaRequestPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  // https://cloudburn.io/blog/amazon-sqs-pricing (standard queue, first 100 B requests)
  sqsRequestPerMillion: 0.4,
  // https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/ (publish; email delivery $2 per 100K)
  snsPublishPerMillion: 0.5,
  snsEmailPer100k: 2,
  // https://c3x.dev/blog/s3-request-fees-explained (S3 Standard)
  s3PutPerThousand: 0.005,
  s3GetPerThousand: 0.0004,
  // https://signoz.io/guides/cloudwatch-pricing (custom metrics, first 10,000: per metric-month); alarms $0.10 each
  cloudwatchMetricMonth: 0.3,
  cloudwatchAlarmMonth: 0.1,
};

/** Per cluster job, as asserted in test/e2e/service-fleet.test.ts. */
const PER_JOB = { s3Get: 2, s3Put: 5, snsPublish: 1 };
/** Lambda's SQS event source polls with long polling (20 s); at least 5 pollers per queue even when idle (AWS docs). */
const IDLE_POLLERS = 5;
/** Per cluster: ClusterFindings x 6 severities (critical..info, error) + new + resolved (handlers/support/cluster-metrics.ts). */
const METRICS_PER_CLUSTER = 8;
const ALARMS = 3;
const DAYS = 30;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const clusters = option('clusters', 100);
const perDay = option('per-day', 24);
const seconds = option('seconds', 30);
const memoryGb = option('memory-mb', 512) / 1024;
const emailSubscribers = option('email-subscribers', 1);
const alertShare = option('alert-share', 0.1);

const jobs = clusters * perDay * DAYS;
const runs = perDay * DAYS;
const lines: [string, string, number][] = [];
const add = (what: string, arithmetic: string, usd: number) => lines.push([what, arithmetic, usd]);

add('Lambda requests', `(${jobs} worker + ${runs} dispatch) invocations x $${PRICES.lambdaRequestPerMillion}/1M`, ((jobs + runs) / 1e6) * PRICES.lambdaRequestPerMillion);
add('Lambda duration (arm64)', `${jobs} jobs x ${seconds} s x ${memoryGb} GB x $${PRICES.lambdaArmGbSecond}/GB-s`, jobs * seconds * memoryGb * PRICES.lambdaArmGbSecond);
const sqsRequests = Math.ceil(jobs / 10) + 2 * jobs + IDLE_POLLERS * 3 * 60 * 24 * DAYS;
add('SQS requests', `${Math.ceil(jobs / 10)} SendMessageBatch + ${jobs} receive + ${jobs} delete + ${IDLE_POLLERS} pollers x 3/min long polls = ${sqsRequests} x $${PRICES.sqsRequestPerMillion}/1M`, (sqsRequests / 1e6) * PRICES.sqsRequestPerMillion);
const published = Math.round(jobs * alertShare) * PER_JOB.snsPublish;
add('SNS publishes', `${jobs} jobs x ${alertShare} with something to alert (mode changes) = ${published} x $${PRICES.snsPublishPerMillion}/1M`, (published / 1e6) * PRICES.snsPublishPerMillion);
add('SNS e-mail deliveries', `${published} x ${emailSubscribers} subscriber(s) x $${PRICES.snsEmailPer100k}/100K`, ((published * emailSubscribers) / 1e5) * PRICES.snsEmailPer100k);
add('S3 PUT', `${jobs} jobs x ${PER_JOB.s3Put} x $${PRICES.s3PutPerThousand}/1K`, ((jobs * PER_JOB.s3Put) / 1e3) * PRICES.s3PutPerThousand);
add('S3 GET', `${jobs} jobs x ${PER_JOB.s3Get} x $${PRICES.s3GetPerThousand}/1K`, ((jobs * PER_JOB.s3Get) / 1e3) * PRICES.s3GetPerThousand);
const perCluster = option('cluster-metrics', 1) !== 0;
add('CloudWatch custom metrics', perCluster ? `${clusters} clusters x ${METRICS_PER_CLUSTER} metrics x $${PRICES.cloudwatchMetricMonth} (--param="clusterMetrics=off": 0)` : 'clusterMetrics=off: service-level metrics only (~12)', perCluster ? clusters * METRICS_PER_CLUSTER * PRICES.cloudwatchMetricMonth : 12 * PRICES.cloudwatchMetricMonth);
add('CloudWatch alarms', `${ALARMS} alarms x $${PRICES.cloudwatchAlarmMonth}`, ALARMS * PRICES.cloudwatchAlarmMonth);

console.log(`${clusters} clusters audited ${perDay} times a day, ${DAYS} days: ${jobs} cluster jobs; worker ${seconds} s at ${memoryGb * 1024} MB`);
console.log('| item | arithmetic | USD/month |');
console.log('| --- | --- | ---: |');
for (const [what, arithmetic, usd] of lines) console.log(`| ${what} | ${arithmetic} | ${usd.toFixed(2)} |`);
const total = lines.reduce((sum, [, , usd]) => sum + usd, 0);
console.log(`| **total** | | **${total.toFixed(2)}** |`);
console.log('S3 storage (a few hundred KB per cluster state and run report, run records expire after 90 days) and CloudWatch Logs ingestion are not included.');
