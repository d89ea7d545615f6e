import * as z from 'zod';
import { SEVERITIES } from '../findings/severity.js';

/** Requirement presets (docs/domain.md section 2). */
export const PRESET_NAMES = ['cloud-provider-aws', 'in-tree', 'kops'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+(\.fifo)?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/;
/** Cluster names end up in tag keys `kubernetes.io/cluster/<name>`; keep them to what AWS tag keys allow. */
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}$/;

const ROLE_ARN_MESSAGE = 'expected an IAM role ARN like arn:aws:iam::123456789012:role/NAME';
const ACTION_MESSAGE = 'expected an IAM action like ec2:DescribeInstances';
const ACCOUNT_MESSAGE = 'expected a 12-digit AWS account id (quote it in YAML)';
const ACCOUNT_NUMBER_MESSAGE =
  'expected a 12-digit AWS account id as a quoted string, not a number (numbers lose leading zeros and may be hex or exponents): quote it, e.g. account: "012345678901"';
const REGION_MESSAGE = 'expected an AWS region like us-west-1';
const CLUSTER_NAME_MESSAGE = 'expected a cluster name (letters, digits, . _ -)';

/** A message for a wrong type only (other issues keep their own messages, unknown keys stay detectable). */
const onWrongType = (message: string) => ({
  error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? message : undefined),
});

const roleArn = z.string({ error: ROLE_ARN_MESSAGE }).regex(ROLE_ARN, { message: ROLE_ARN_MESSAGE });
const actionList = z.array(z.string({ error: ACTION_MESSAGE }).regex(ACTION, { message: ACTION_MESSAGE }), {
  error: 'expected a list of IAM actions like [ec2:DescribeInstances]',
});

const perRole = <T extends z.ZodTypeAny>(item: T) =>
  z.strictObject({ controlPlane: item.optional(), worker: item.optional() }, onWrongType('expected a mapping with controlPlane and/or worker'));

/**
 * True when the text starts with a day of the calendar (`2026-02-29` is not one) and whatever follows it is a time
 * `Date.parse` understands (`2026-10-31T12:00:00Z`), so an expiry can never be a date that silently never comes.
 */
function isRealDate(text: string): boolean {
  const day = text.slice(0, 10);
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) return false;
  return text.length === 10 || !Number.isNaN(Date.parse(text));
}

export const suppressionSchema = z.strictObject({
  check: z.string({ error: 'expected a check id like tags.subnet.missing' }).min(1),
  /** Resource id (instance, subnet, role ARN, vpc+az, ...) or `*` for every resource of the check. */
  resource: z.string({ error: 'expected a resource id (or * for all)' }).min(1),
  /** Optional action, for per-action IAM checks. */
  action: z.string().optional(),
  reason: z.string({ error: 'a suppression needs a reason' }).min(1, { message: 'a suppression needs a reason' }),
  /** ISO date (YYYY-MM-DD); after it the suppression no longer applies. YAML dates are accepted too. */
  expires: z
    .union(
      [
        z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}/, { message: 'expected a date YYYY-MM-DD', abort: true })
          .refine(isRealDate, { error: (issue) => `expected a real date YYYY-MM-DD, got ${JSON.stringify(issue.input)}` }),
        z.date(),
      ],
      { error: 'expected a date YYYY-MM-DD' },
    )
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
    .optional(),
});

const ROUTE_TABLE_ID = /^rtb-[0-9a-f]{8,17}$/;
const ROUTE_TABLE_ID_MESSAGE = 'expected a route table id like rtb-0123456789abcdef0';
/** What the provider reads as a cluster id: any non-empty text that can follow `kubernetes.io/cluster/` in a tag key. */
const TAG_CLUSTER_ID = /^[^\s]{1,120}$/;
const TAG_CLUSTER_ID_MESSAGE = 'expected a cluster id (no spaces), as in the cloud-config';

/**
 * The cloud-config `[Global]` switches that change what the provider looks for (docs/provider-rules.md
 * "Cloud-config switches"). Absent = the provider's default.
 */
export const cloudConfigSchema = z
  .strictObject(
    {
      /** `RouteTableID`: the route controller uses this table and skips the tag lookup. */
      routeTableId: z.string({ error: ROUTE_TABLE_ID_MESSAGE }).regex(ROUTE_TABLE_ID, { message: ROUTE_TABLE_ID_MESSAGE }).optional(),
      /** `DisableSecurityGroupIngress`: the provider opens no instance security group for load balancers. */
      disableSecurityGroupIngress: z.boolean({ error: 'expected true or false' }).optional(),
      /** `KubernetesClusterTag`: the legacy cluster id; the provider then also writes `KubernetesCluster` tags. */
      kubernetesClusterTag: z.string({ error: TAG_CLUSTER_ID_MESSAGE }).regex(TAG_CLUSTER_ID, { message: TAG_CLUSTER_ID_MESSAGE }).optional(),
      /** `KubernetesClusterID`: the cluster id of `kubernetes.io/cluster/<id>`. */
      kubernetesClusterId: z.string({ error: TAG_CLUSTER_ID_MESSAGE }).regex(TAG_CLUSTER_ID, { message: TAG_CLUSTER_ID_MESSAGE }).optional(),
      /** `RoleARN`: the role the provider assumes for its AWS calls. */
      roleArn: roleArn.optional(),
    },
    onWrongType('expected a mapping (routeTableId, disableSecurityGroupIngress, kubernetesClusterTag, kubernetesClusterId, roleArn)'),
  )
  .superRefine((c, ctx) => {
    // tags.go init: a legacy id that differs from the new one stops the provider.
    if (c.kubernetesClusterTag !== undefined && c.kubernetesClusterId !== undefined && c.kubernetesClusterTag !== c.kubernetesClusterId) {
      ctx.addIssue({
        code: 'custom',
        path: ['kubernetesClusterId'],
        message: `differs from kubernetesClusterTag (${c.kubernetesClusterTag}); the provider refuses to start with "clusterID tags did not match"`,
      });
    }
  });

/** How the cloud controller runs (for the instance metadata checks). */
export const cloudControllerSchema = z.strictObject(
  {
    /** The controller's pod uses the host network (default: true for kops, false for the cloud-provider-aws chart). */
    hostNetwork: z.boolean({ error: 'expected true or false' }).optional(),
  },
  onWrongType('expected a mapping (hostNetwork)'),
);

export const clusterSchema = z.strictObject({
  name: z.string({ error: CLUSTER_NAME_MESSAGE }).regex(CLUSTER_NAME, { message: CLUSTER_NAME_MESSAGE }),
  region: z.string({ error: REGION_MESSAGE }).regex(REGION, { message: REGION_MESSAGE }),
  // Only a quoted string: a YAML/JSON number loses leading zeros, and YAML reads 0x.., 0o.. and 1.2e11 as numbers
  // too, so any number may stand for a different account than the one meant.
  account: z
    .string({ error: (issue) => (typeof issue.input === 'number' ? ACCOUNT_NUMBER_MESSAGE : ACCOUNT_MESSAGE) })
    .regex(/^\d{12}$/, { message: ACCOUNT_MESSAGE })
    .optional(),
  assumeRoleArn: roleArn.optional(),
  externalId: z.string().min(2).max(1224).optional(),
  preset: z.enum(PRESET_NAMES).default('cloud-provider-aws'),
  roles: perRole(roleArn).refine((r) => r.controlPlane !== undefined || r.worker !== undefined, {
    message: 'set at least one of controlPlane or worker',
  }),
  extraRequired: perRole(actionList).optional(),
  allowedExcess: perRole(actionList).optional(),
  cloudRoutes: z.boolean().default(true),
  autoScalingGroups: z.array(z.string().min(1), { error: 'expected a list of Auto Scaling group names' }).optional(),
  cloudConfig: cloudConfigSchema.optional(),
  cloudController: cloudControllerSchema.optional(),
  suppressions: z.array(suppressionSchema, { error: 'expected a list of suppressions' }).default([]),
}, onWrongType('expected a mapping with name, region and roles'));

export const alertsSchema = z.strictObject({
  topicArn: z
    .string({ error: 'expected an SNS topic ARN like arn:aws:sns:us-west-1:123456789012:NAME' })
    .regex(TOPIC_ARN, { message: 'expected an SNS topic ARN like arn:aws:sns:us-west-1:123456789012:NAME' })
    .optional(),
  minSeverity: z.enum(SEVERITIES).default('medium'),
  mode: z.enum(['changes', 'all']).default('changes'),
  format: z.enum(['text', 'chatbot']).default('text'),
}, onWrongType('expected a mapping (topicArn, minSeverity, mode, format)'));

export const configSchema = z
  .strictObject({
    clusters: z.array(clusterSchema, { error: 'expected a list of clusters' }).min(1, { message: 'list at least one cluster' }),
    alerts: alertsSchema.optional(),
  }, onWrongType('expected a mapping with a `clusters` list'))
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.clusters.forEach((c, i) => {
      const key = `${c.account ?? ''}/${c.region}/${c.name}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['clusters', i, 'name'], message: `duplicate cluster ${c.name} in ${c.region}` });
      seen.add(key);
      if (c.externalId !== undefined && c.assumeRoleArn === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusters', i, 'externalId'],
          message: 'externalId is only sent when assuming assumeRoleArn: set assumeRoleArn too, or remove externalId',
        });
      }
    });
  });

export type AuditConfig = z.output<typeof configSchema>;
export type ClusterConfig = z.output<typeof clusterSchema>;
export type AlertsConfig = z.output<typeof alertsSchema>;
export type SuppressionConfig = z.output<typeof suppressionSchema>;
export type CloudConfigSwitches = z.output<typeof cloudConfigSchema>;
export type RoleKey = 'controlPlane' | 'worker';
