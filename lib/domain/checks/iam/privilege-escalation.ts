/**
 * Actions of the audited services that let a principal raise its own (or another principal's) privileges,
 * each with why. Sources: the well-known IAM escalation paths (Rhino Security Labs' list, as used by
 * pacu / Cloudsplaining / PMapper), reduced to the audited services (ec2, elasticloadbalancing, ecr,
 * autoscaling, iam, kms, sts, s3). Decided for `Resource: "*"`, so a grant scoped to specific ARNs is not
 * reported (e.g. iam:PassRole on one role).
 */
export const PRIVILEGE_ESCALATION_ACTIONS: Readonly<Record<string, string>> = {
  'iam:PassRole': 'pass any role (on *) to a service it can start, e.g. ec2:RunInstances with an admin instance profile',
  'iam:AttachRolePolicy': 'attach any managed policy (e.g. AdministratorAccess) to a role, including its own',
  'iam:AttachUserPolicy': 'attach any managed policy to a user',
  'iam:AttachGroupPolicy': 'attach any managed policy to a group',
  'iam:PutRolePolicy': 'write an inline policy granting anything to a role, including its own',
  'iam:PutUserPolicy': 'write an inline policy granting anything to a user',
  'iam:PutGroupPolicy': 'write an inline policy granting anything to a group',
  'iam:CreatePolicyVersion': 'rewrite a managed policy (as its new default version) to grant anything',
  'iam:SetDefaultPolicyVersion': 'switch a managed policy to an older, broader version',
  'iam:CreateAccessKey': 'create long-lived access keys for any user',
  'iam:CreateLoginProfile': 'set a console password for a user that has none',
  'iam:UpdateLoginProfile': 'change the console password of any user',
  'iam:AddUserToGroup': 'add a user to a more privileged group',
  'iam:UpdateAssumeRolePolicy': 'rewrite a role\'s trust policy so that it can assume that role',
  'iam:PutRolePermissionsBoundary': 'replace the permissions boundary that limits a role',
  'iam:DeleteRolePermissionsBoundary': 'remove the permissions boundary that limits a role',
  'iam:PutUserPermissionsBoundary': 'replace the permissions boundary that limits a user',
  'iam:DeleteUserPermissionsBoundary': 'remove the permissions boundary that limits a user',
  'sts:AssumeRole': 'assume any role (on *) whose trust policy admits the account',
};

/** The escalation actions in a stable order. */
export const PRIVILEGE_ESCALATION_ACTION_NAMES: readonly string[] = Object.keys(PRIVILEGE_ESCALATION_ACTIONS);
