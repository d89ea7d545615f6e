import type { CheckEvaluator, CheckInput, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft } from '../../findings/finding.js';
import type { Instance } from '../../model/account-view.js';
import { parseIamArn, sameIamEntity } from '../../model/iam-arn.js';
import { resolveInstanceProfile } from '../../membership/instance-profiles.js';
import { ec2Ref, regionOf } from '../../membership/resource-refs.js';
import { couldNotCheck, instanceUnitErrors } from '../../membership/unresolved-drafts.js';
import { shellWord } from '../../tags/commands.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'node.instance-profile.missing', family: 'nodes', severity: 'high', unit: 'instance',
    title: 'Cluster instance without an instance profile',
    risk: 'The kubelet and cloud provider on this instance have no AWS credentials.',
    remediation: 'aws ec2 associate-iam-instance-profile --instance-id INSTANCE --iam-instance-profile Name=PROFILE',
    reads: ['instances', 'roles'] },
  { id: 'node.instance-profile.unexpected', family: 'nodes', severity: 'medium', unit: 'instance',
    title: 'Instance profile role is neither configured cluster role',
    risk: 'The instance runs with permissions this audit does not check, possibly too few or too many.',
    remediation: 'aws ec2 replace-iam-instance-profile-association --association-id ASSOC --iam-instance-profile Name=PROFILE',
    reads: ['instances', 'roles'] },
] as const satisfies readonly CheckMeta[];

export const MISSING = CHECKS[0].id;
export const UNEXPECTED = CHECKS[1].id;

/**
 * `node.instance-profile.missing` and `node.instance-profile.unexpected`, per member instance: the instance needs an
 * instance profile whose role is the configured control-plane or worker role. A profile that is not in the collected
 * IAM data is "could not check", never a pass.
 */
export const checkInstanceProfiles: CheckEvaluator = (input) => {
  const drafts: FindingDraft[] = [...instanceUnitErrors(MISSING, input), ...instanceUnitErrors(UNEXPECTED, input)];
  const unresolved = new Map(input.membership.unresolved.instanceProfiles.map((r) => [r.id, r.reason]));
  const configured = [input.cluster.roles.worker, input.cluster.roles.controlPlane].filter((a): a is string => a !== undefined);
  const target = clusterProfileName(input);
  for (const instance of input.membership.instances) {
    const resource = ec2Ref(input, RESOURCE_TYPES.instance, instance.instanceId);
    const profileArn = instance.instanceProfileArn;
    if (!profileArn) {
      drafts.push({
        check: MISSING,
        resource,
        detail:
          `Instance ${instance.instanceId} has no instance profile: the kubelet and the cloud provider on it get no AWS credentials, ` +
          `so it cannot describe itself, attach volumes or (on the control plane) reconcile load balancers and routes.`,
        evidence: { instanceId: instance.instanceId, configuredRoles: configured },
        remediation: associateCommand(input, instance, target),
      });
      continue;
    }
    const reason = unresolved.get(profileArn);
    const profile = resolveInstanceProfile(input.view, profileArn);
    if (reason !== undefined || !profile.found) {
      drafts.push(couldNotCheck(UNEXPECTED, resource, reason ?? `instance profile ${profileArn} is not in the collected IAM data`, { instanceProfileArn: profileArn }));
      continue;
    }
    if (profile.roleArns.some((r) => configured.some((c) => sameIamEntity(c, r)))) continue;
    drafts.push({
      check: UNEXPECTED,
      resource,
      detail:
        profile.roleArns.length === 0
          ? `Instance ${instance.instanceId} uses instance profile ${profile.profileName}, which holds no role: the instance gets no AWS credentials.`
          : `Instance ${instance.instanceId} uses instance profile ${profile.profileName} with role ${profile.roleArns.join(', ')}, which is neither configured cluster role ` +
            `(${configured.join(', ')}): the instance runs with permissions this audit does not check, possibly too few for the cloud provider or far too many.`,
      evidence: { instanceProfileArn: profileArn, roleArns: profile.roleArns, configuredRoles: configured },
      remediation: replaceCommand(input, instance, target),
    });
  }
  return drafts;
};

/** A profile of the worker role (else the control-plane role) found in the view, by name. */
function clusterProfileName(input: CheckInput): { name: string; roleName: string; exists: boolean } {
  const { view, cluster } = input;
  for (const roleArn of [cluster.roles.worker, cluster.roles.controlPlane]) {
    if (!roleArn) continue;
    const profile = view.instanceProfiles.find((p) => p.roleArns.some((r) => sameIamEntity(r, roleArn)));
    if (profile) return { name: profile.name, roleName: parseIamArn(roleArn)?.name ?? roleArn, exists: true };
    const role = view.roles.find((r) => sameIamEntity(r.arn, roleArn));
    const listed = role?.instanceProfiles[0];
    if (listed) return { name: listed.name, roleName: role.name, exists: true };
  }
  const roleArn = (cluster.roles.worker ?? cluster.roles.controlPlane) as string;
  const roleName = parseIamArn(roleArn)?.name ?? roleArn;
  return { name: roleName, roleName, exists: false };
}

function createProfile(target: { name: string; roleName: string; exists: boolean }): string {
  if (target.exists) return '';
  const name = shellWord(target.name);
  return `aws iam create-instance-profile --instance-profile-name ${name} && aws iam add-role-to-instance-profile --instance-profile-name ${name} --role-name ${shellWord(target.roleName)} && `;
}

function associateCommand(input: CheckInput, instance: Instance, target: { name: string; roleName: string; exists: boolean }): string {
  const region = shellWord(regionOf(input));
  return (
    createProfile(target) +
    `aws ec2 associate-iam-instance-profile --instance-id ${instance.instanceId} --iam-instance-profile Name=${shellWord(target.name)} --region ${region}` +
    `  # profile of role ${target.roleName}; use the control-plane profile for control-plane instances`
  );
}

function replaceCommand(input: CheckInput, instance: Instance, target: { name: string; roleName: string; exists: boolean }): string {
  const region = shellWord(regionOf(input));
  const association =
    `"$(aws ec2 describe-iam-instance-profile-associations --filters Name=instance-id,Values=${instance.instanceId} ` +
    `--query 'IamInstanceProfileAssociations[0].AssociationId' --output text --region ${region})"`;
  return (
    createProfile(target) +
    `aws ec2 replace-iam-instance-profile-association --association-id ${association} --iam-instance-profile Name=${shellWord(target.name)} --region ${region}` +
    `  # profile of role ${target.roleName}; use the control-plane profile for control-plane instances`
  );
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkInstanceProfiles;
