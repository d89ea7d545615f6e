/**
 * Action lists shared by several presets (docs/domain.md section 2).
 */

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
