import type { CheckEvaluator, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft } from '../../findings/finding.js';
import { ec2Ref, regionOf } from '../../membership/resource-refs.js';
import { instanceUnitErrors } from '../../membership/unresolved-drafts.js';
import { shellWord } from '../../tags/commands.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'node.private-dns.missing', family: 'nodes', severity: 'high', unit: 'instance',
    title: 'Cluster instance without a private DNS name',
    risk: 'The node cannot be named after its instance; the cloud provider cannot map it and leaves it uninitialized.',
    remediation: 'aws ec2 modify-vpc-attribute --vpc-id VPC --enable-dns-hostnames',
    reads: ['instances'] },
] as const satisfies readonly CheckMeta[];

export const CHECK_ID = CHECKS[0].id;

/**
 * `node.private-dns.missing`, per member instance: PrivateDnsName is empty (a VPC without DNS hostnames). The node
 * cannot be named after it, and the provider's private-DNS lookups find nothing. `pending` instances are skipped:
 * EC2 fills the name in when the instance starts running.
 */
export const checkPrivateDnsMissing: CheckEvaluator = (input) => {
  const drafts: FindingDraft[] = [...instanceUnitErrors(CHECK_ID, input)];
  const region = shellWord(regionOf(input));
  for (const instance of input.membership.instances) {
    if (instance.privateDnsName !== '' || instance.state === 'pending') continue;
    const vpcId = instance.vpcId ?? input.view.subnets.find((s) => s.subnetId === instance.subnetId)?.vpcId;
    drafts.push({
      check: CHECK_ID,
      resource: ec2Ref(input, RESOURCE_TYPES.instance, instance.instanceId),
      detail:
        `Instance ${instance.instanceId} (${instance.state}${vpcId ? `, ${vpcId}` : ''}) has no PrivateDnsName: its node cannot be named after it, ` +
        `the cloud provider's lookup by private DNS name finds no instance and the node stays tainted node.cloudprovider.kubernetes.io/uninitialized.`,
      evidence: { instanceId: instance.instanceId, privateDnsName: instance.privateDnsName, privateIpAddress: instance.privateIpAddress, vpcId },
      remediation: vpcId
        ? `aws ec2 modify-vpc-attribute --vpc-id ${vpcId} --enable-dns-support Value=true --region ${region} && aws ec2 modify-vpc-attribute --vpc-id ${vpcId} --enable-dns-hostnames Value=true --region ${region}`
        : `Enable DNS support and DNS hostnames on the VPC of ${instance.instanceId} (aws ec2 modify-vpc-attribute --vpc-id VPC --enable-dns-hostnames Value=true).`,
    });
  }
  return drafts;
};

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkPrivateDnsMissing;
