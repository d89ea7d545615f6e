import { RESOURCE_TYPES, type Finding, type FindingDraft } from '../../lib/domain/findings/finding.js';
import { fingerprint } from '../../lib/domain/findings/fingerprint.js';
import type { ClusterReport, Report } from '../../lib/domain/report/report.js';
import { buildReport, type BuildReportInput } from '../../lib/domain/report/build-report.js';

/** Default cluster of the builders. */
export const CLUSTER = { cluster: 'prod-east', account: '123456789012', region: 'us-west-1' } as const;

/**
 * A finding with sensible defaults (a high `tags.instance.missing` on an instance of prod-east). The id is the
 * real fingerprint of the final fields unless `id` is given.
 */
export function aFinding(overrides: Partial<Finding> = {}): Finding {
  const base: Omit<Finding, 'id'> = {
    check: 'tags.instance.missing',
    severity: 'high',
    status: 'fail',
    ...CLUSTER,
    resource: { type: RESOURCE_TYPES.instance, id: 'i-0123456789abcdef0' },
    title: 'Cluster instance without the cluster tag',
    detail: 'Instance i-0123456789abcdef0 is a cluster member through its instance profile but has no cluster tag.',
    ...overrides,
  };
  return { id: overrides.id ?? fingerprint(base), ...base } as Finding;
}

/** A draft as a check would return it. */
export function aDraft(overrides: Partial<FindingDraft> = {}): FindingDraft {
  return {
    check: 'tags.instance.missing',
    resource: { type: RESOURCE_TYPES.instance, id: 'i-0123456789abcdef0' },
    detail: 'Instance i-0123456789abcdef0 has no cluster tag.',
    ...overrides,
  };
}

/** Cluster entry of a report. */
export function aClusterReport(overrides: Partial<ClusterReport> = {}): ClusterReport {
  return {
    name: CLUSTER.cluster,
    account: CLUSTER.account,
    region: CLUSTER.region,
    preset: 'cloud-provider-aws',
    coverage: { roles: 2, instances: 5, subnets: 3, routeTables: 2, securityGroups: 4, actionsEvaluated: 120 },
    ...overrides,
  };
}

/** A report built with {@link buildReport} from the given findings (one cluster unless `clusters` is given). */
export function aReport(findings: Finding[] = [], overrides: Partial<BuildReportInput> = {}): Report {
  return buildReport({
    tool: { name: 'kube-aws-audit', version: '0.1.0' },
    runId: 'run-0001',
    startedAt: '2026-01-05T10:00:00.000Z',
    finishedAt: '2026-01-05T10:00:04.000Z',
    mode: 'snapshot',
    iamEngine: 'local',
    clusters: [aClusterReport()],
    findings,
    ...overrides,
  });
}

/** A report with one finding of each kind: every severity, an error, a suppressed one, pipes and newlines in text. */
export function aMixedReport(): Report {
  const worker = 'arn:aws:iam::123456789012:role/k8s-worker';
  return aReport([
    aFinding({ check: 'iam.excess.admin', severity: 'critical', resource: { type: RESOURCE_TYPES.role, id: 'k8s-worker', arn: worker },
      title: 'Role allows every action ("*")', detail: 'Policy AdministratorAccess grants * on *.',
      remediation: 'Replace the grant with the least-privilege policy from `kube-aws-audit policy`.', evidence: { statements: ['AdministratorAccess#0'] } }),
    aFinding({ check: 'iam.required.denied', severity: 'high', status: 'error', resource: { type: RESOURCE_TYPES.role, id: 'k8s-control-plane' },
      action: 'ec2:CreateRoute', title: 'Required action is not allowed', detail: 'iam:SimulatePrincipalPolicy was denied (AccessDenied).' }),
    aFinding({ remediation: 'aws ec2 create-tags --resources i-0123456789abcdef0 --tags Key=kubernetes.io/cluster/prod-east,Value=owned' }),
    aFinding({ check: 'tags.subnet.missing', severity: 'medium', resource: { type: RESOURCE_TYPES.subnet, id: 'subnet-0abc' },
      title: 'Subnet hosting cluster instances lacks the cluster tag', detail: 'Tag value a|b\nsecond line <b>bold</b>' }),
    aFinding({ check: 'tags.value.invalid', severity: 'low', resource: { type: RESOURCE_TYPES.subnet, id: 'subnet-0def' },
      title: 'Cluster tag value is neither owned nor shared', detail: 'Value is "own|ed".',
      suppressed: { reason: 'legacy subnet, migrating', expires: '2027-01-31' } }),
    aFinding({ check: 'iam.optional.denied', severity: 'info', resource: { type: RESOURCE_TYPES.role, id: 'k8s-worker', arn: worker },
      action: 'ec2:DescribeInstanceTopology', title: 'Feature-dependent action is not allowed', detail: 'Implicit deny.' }),
  ], { resolved: 1 });
}
