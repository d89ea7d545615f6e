/**
 * Action lists shared by several presets (docs/domain.md section 2).
 */
import type { ActionCall } from './request-context.js';

/** The seven ECR pull actions (kubernetes/cloud-provider-aws docs/prerequisites.md node policy). */
export const ECR_PULL_ACTIONS = [
  'ecr:GetAuthorizationToken',
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:GetRepositoryPolicy',
  'ecr:DescribeRepositories',
  'ecr:ListImages',
  'ecr:BatchGetImage',
] as const;

/**
 * Called by the cloud-controller-manager code but absent from its prerequisites doc; needed only when the feature
 * is used (docs/domain.md section 2, "Feature-dependent"): tagging controller, Fargate nodes, target-group attributes
 * annotation.
 */
export const CCM_FEATURE_DEPENDENT_ACTIONS = [
  'ec2:DeleteTags',
  'ec2:DescribeNetworkInterfaces',
  'elasticloadbalancing:DescribeTargetGroupAttributes',
  'elasticloadbalancing:ModifyTargetGroupAttributes',
] as const;

/** Route controller actions (cloud routes / kubenet); required only with `cloudRoutes: true`. */
export const ROUTE_CONTROLLER_ACTIONS = ['ec2:CreateRoute', 'ec2:DeleteRoute'] as const;

/** Removes duplicates, keeping the first spelling and the order. Comparison is case-insensitive, as in IAM. */
export function uniqueActions(actions: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of actions) {
    const key = a.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

/**
 * How the out-of-tree provider calls ec2:CreateTags (kubernetes/cloud-provider-aws at
 * 63ec440c3275321b55afa45480e2fdfd2b0e93c4, docs/presets.md): as tag-on-create of CreateSecurityGroup
 * (pkg/providers/v1/aws.go:1604-1611, TagSpecifications), and, only when a security group lacks the cluster tag,
 * to restore it (aws.go:1581 -> tags.go:226). (The tagging controller, pkg/controllers/tagging/tagging_controller.go:325,
 * tags instances with its own configured tags, not the cluster tag: not modelled as a way here.)
 */
export const CCM_CALLS: Readonly<Record<string, readonly ActionCall[]>> = {
  'ec2:CreateTags': [
    { way: { kind: 'tag-on-create', createAction: 'CreateSecurityGroup' } },
    { way: { kind: 'tag-untagged' }, feature: 'restoring the cluster tag of an existing security group that lacks it (pkg/providers/v1/aws.go:1581)' },
  ],
};
