import type { CheckEvaluator, CheckInput, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft } from '../../findings/finding.js';
import { ASG_NAME_TAG } from '../../membership.js';
import { clusterScopeRef, ec2Ref, regionOf } from '../../membership/resource-refs.js';
import { couldNotCheck, instanceUnitErrors } from '../../membership/unresolved-drafts.js';
import type { Instance } from '../../model/account-view.js';
import { imdsNeed } from '../../provider/imds.js';
import { shellWord } from '../../tags/commands.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'node.imds.disabled', family: 'nodes', severity: 'high', unit: 'instance',
    title: 'Instance metadata service is off where the provider reads it',
    risk: 'The provider reads its region, instance id and VPC from IMDS even with IRSA; with HttpEndpoint disabled it does not start on that instance.',
    remediation: 'aws ec2 modify-instance-metadata-options --instance-id INSTANCE --http-endpoint enabled --http-tokens required',
    reads: ['instances'] },
  { id: 'node.imds.hop-limit', family: 'nodes', severity: 'medium', unit: 'instance',
    title: 'IMDSv2 hop limit 1 on a control-plane instance of a containerised cloud controller',
    risk: 'The IMDSv2 token does not reach the controller pod (one hop more than the limit) and IMDSv1 is refused: the cloud controller does not start.',
    remediation: 'aws ec2 modify-instance-metadata-options --instance-id INSTANCE --http-put-response-hop-limit 2',
    reads: ['instances'] },
] as const satisfies readonly CheckMeta[];

export const DISABLED = CHECKS[0].id;
export const HOP_LIMIT = CHECKS[1].id;

/**
 * `node.imds.disabled` (per instance that needs IMDS: control-plane instances, every node in-tree) and
 * `node.imds.hop-limit` (per control-plane instance of an out-of-tree cluster whose controller runs in a container
 * without the host network): read from DescribeInstances `MetadataOptions`. docs/provider-rules.md "Instance metadata".
 *
 * An instance whose `MetadataOptions` the source did not carry is not passed: one "could not check" finding per
 * cluster names them all (it covers both checks, so it is reported once, under node.imds.disabled).
 */
export const checkImds: CheckEvaluator = (input) => {
  const drafts: FindingDraft[] = [...instanceUnitErrors(DISABLED, input)];
  const unknown: string[] = [];
  for (const instance of input.membership.instances) {
    const need = imdsNeed(instance, input.membership, input.cluster);
    if (need.endpoint === undefined) continue;
    const options = instance.metadataOptions;
    if (options === undefined || options.httpEndpoint === undefined) {
      unknown.push(instance.instanceId);
      continue;
    }
    if (options.httpEndpoint === 'disabled') {
      drafts.push(disabled(input, instance, need.endpoint, need.secondHop !== undefined && options.httpTokens === 'required'));
      continue;
    }
    if (need.secondHop !== undefined && options.httpTokens === 'required' && options.httpPutResponseHopLimit !== undefined && options.httpPutResponseHopLimit < 2) {
      drafts.push(hopLimit(input, instance, need.secondHop));
    }
  }
  if (unknown.length > 0) {
    drafts.push(
      couldNotCheck(
        DISABLED,
        clusterScopeRef(input),
        `the instance metadata options (DescribeInstances MetadataOptions) of ${unknown.join(', ')} are not in the collected data, so ${DISABLED} and ${HOP_LIMIT} could not be checked for them`,
        { instanceIds: unknown, checks: [DISABLED, HOP_LIMIT] },
      ),
    );
  }
  return drafts;
};

function disabled(input: CheckInput, instance: Instance, why: string, alsoHop: boolean): FindingDraft {
  const region = shellWord(regionOf(input));
  return {
    check: DISABLED,
    resource: ec2Ref(input, RESOURCE_TYPES.instance, instance.instanceId),
    detail:
      `Instance ${instance.instanceId} has the instance metadata service turned off (HttpEndpoint: disabled), and ${why}. ` +
      `The provider gets its region, instance id and VPC from it, with IRSA or a RoleARN too: on this instance its first IMDS calls (region, then "error fetching instance-id from ec2 metadata service") fail and it does not start.`,
    evidence: { instanceId: instance.instanceId, metadataOptions: instance.metadataOptions },
    remediation:
      `aws ec2 modify-instance-metadata-options --instance-id ${instance.instanceId} --http-endpoint enabled --http-tokens required` +
      `${alsoHop ? ' --http-put-response-hop-limit 2' : ''} --region ${region}${launchTemplateHint(instance)}`,
  };
}

function hopLimit(input: CheckInput, instance: Instance, why: string): FindingDraft {
  const region = shellWord(regionOf(input));
  const limit = instance.metadataOptions?.httpPutResponseHopLimit;
  return {
    check: HOP_LIMIT,
    resource: ec2Ref(input, RESOURCE_TYPES.instance, instance.instanceId),
    detail:
      `Control-plane instance ${instance.instanceId} requires IMDSv2 tokens (HttpTokens: required) with a hop limit of ${limit}, and ${why}. ` +
      `The token's PUT response does not survive the extra hop into the pod's network namespace, the SDK's fallback to IMDSv1 is refused, and the ` +
      `cloud controller does not start on it (its IMDS calls for the region and instance id fail). Workers and host-network processes are not affected.`,
    evidence: { instanceId: instance.instanceId, metadataOptions: instance.metadataOptions },
    remediation:
      `aws ec2 modify-instance-metadata-options --instance-id ${instance.instanceId} --http-put-response-hop-limit 2 --http-tokens required --region ${region}` +
      `${launchTemplateHint(instance)}   # or, if the controller runs with hostNetwork: true, set cloudController.hostNetwork: true in the config`,
  };
}

function launchTemplateHint(instance: Instance): string {
  const asg = instance.tags[ASG_NAME_TAG];
  return asg === undefined ? '' : `   # and set the same MetadataOptions in the launch template of Auto Scaling group ${asg}, or replacements come back without it`;
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkImds;
