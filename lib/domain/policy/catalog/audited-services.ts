/**
 * The services whose whole action list the audit evaluates for every role: the ones the cloud provider uses
 * (ec2, elasticloadbalancing, ecr, autoscaling, iam, kms) plus sts and s3, where node-role excess is most
 * dangerous (role chaining, data access). Excess in other services is not measured.
 */
export const AUDITED_SERVICES = ['ec2', 'elasticloadbalancing', 'ecr', 'autoscaling', 'iam', 'kms', 'sts', 's3'] as const;
export type AuditedService = (typeof AUDITED_SERVICES)[number];

/** True when `service` (lower-case prefix) is audited. */
export function isAuditedService(service: string): service is AuditedService {
  return (AUDITED_SERVICES as readonly string[]).includes(service);
}
