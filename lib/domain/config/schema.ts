import { z } from 'zod';
import { SEVERITIES } from '../findings/severity.js';

/** Requirement presets (DOMAIN.md section 2). */
export const PRESET_NAMES = ['cloud-provider-aws', 'in-tree', 'kops'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+(\.fifo)?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/;
/** Cluster names end up in tag keys `kubernetes.io/cluster/<name>`; keep them to what AWS tag keys allow. */
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}$/;

const roleArn = z.string().regex(ROLE_ARN, { message: 'expected an IAM role ARN like arn:aws:iam::123456789012:role/NAME' });
const actionList = z.array(z.string().regex(ACTION, { message: 'expected an IAM action like ec2:DescribeInstances' }));

const perRole = <T extends z.ZodTypeAny>(item: T) =>
  z.strictObject({ controlPlane: item.optional(), worker: item.optional() });

export const suppressionSchema = z.strictObject({
  check: z.string().min(1),
  /** Resource id (instance, subnet, role ARN, vpc+az, ...) or `*` for every resource of the check. */
  resource: z.string().min(1),
  /** Optional action, for per-action IAM checks. */
  action: z.string().optional(),
  reason: z.string().min(1, { message: 'a suppression needs a reason' }),
  /** ISO date (YYYY-MM-DD); after it the suppression no longer applies. YAML dates are accepted too. */
  expires: z
    .union([z.string().regex(/^\d{4}-\d{2}-\d{2}/, { message: 'expected a date YYYY-MM-DD' }), z.date()])
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
    .optional(),
});

export const clusterSchema = z.strictObject({
  name: z.string().regex(CLUSTER_NAME, { message: 'expected a cluster name (letters, digits, . _ -)' }),
  region: z.string().regex(REGION, { message: 'expected an AWS region like us-west-1' }),
  account: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).padStart(12, '0'))
    .pipe(z.string().regex(/^\d{12}$/, { message: 'expected a 12-digit AWS account id (quote it in YAML)' }))
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
  autoScalingGroups: z.array(z.string().min(1)).optional(),
  suppressions: z.array(suppressionSchema).default([]),
});

export const alertsSchema = z.strictObject({
  topicArn: z.string().regex(TOPIC_ARN, { message: 'expected an SNS topic ARN' }).optional(),
  minSeverity: z.enum(SEVERITIES).default('medium'),
  mode: z.enum(['changes', 'all']).default('changes'),
  format: z.enum(['text', 'chatbot']).default('text'),
});

export const configSchema = z
  .strictObject({
    clusters: z.array(clusterSchema).min(1, { message: 'list at least one cluster' }),
    alerts: alertsSchema.optional(),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.clusters.forEach((c, i) => {
      const key = `${c.account ?? ''}/${c.region}/${c.name}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['clusters', i, 'name'], message: `duplicate cluster ${c.name} in ${c.region}` });
      seen.add(key);
    });
  });

export type AuditConfig = z.output<typeof configSchema>;
export type ClusterConfig = z.output<typeof clusterSchema>;
export type AlertsConfig = z.output<typeof alertsSchema>;
export type SuppressionConfig = z.output<typeof suppressionSchema>;
export type RoleKey = 'controlPlane' | 'worker';
