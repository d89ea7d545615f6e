/**
 * The members a successful answer of each operation always carries (AWS sends an empty list as an empty element,
 * which the SDK parses to `[]`): an HTTP 200 whose body the SDK parses into none of them is an empty or shapeless
 * answer, not "no resources" (docs/reliability.md, "Completeness"). Keyed by `service:Operation`.
 */
export const REQUIRED_RESPONSE_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  'ec2:DescribeInstances': ['Reservations'],
  'ec2:DescribeSubnets': ['Subnets'],
  'ec2:DescribeRouteTables': ['RouteTables'],
  'ec2:DescribeSecurityGroups': ['SecurityGroups'],
  'iam:GetAccountAuthorizationDetails': ['IsTruncated'],
  'iam:GetRole': ['Role'],
  'iam:GetRolePolicy': ['PolicyDocument'],
  'iam:GetPolicy': ['Policy'],
  'iam:GetPolicyVersion': ['PolicyVersion'],
  'iam:GetInstanceProfile': ['InstanceProfile'],
  'iam:ListRolePolicies': ['PolicyNames'],
  'iam:ListAttachedRolePolicies': ['AttachedPolicies'],
  'iam:ListInstanceProfilesForRole': ['InstanceProfiles'],
  'iam:SimulatePrincipalPolicy': ['EvaluationResults'],
  'sts:GetCallerIdentity': ['Account'],
  'sts:AssumeRole': ['Credentials'],
};

/** The required members `response` lacks for `operation` (none for an operation without an entry). */
export function missingMembers(operation: string, response: unknown): string[] {
  const required = REQUIRED_RESPONSE_MEMBERS[operation];
  if (required === undefined) return [];
  if (typeof response !== 'object' || response === null) return [...required];
  return required.filter((member) => (response as Record<string, unknown>)[member] === undefined);
}
