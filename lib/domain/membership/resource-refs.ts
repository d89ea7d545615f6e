import type { CheckInput } from '../checks/check.js';
import { clusterAccount } from '../cluster-facts.js';
import { RESOURCE_TYPES, type ResourceRef } from '../findings/finding.js';

/** The region checks talk about: the view's, else the configured one. */
export function regionOf(input: CheckInput): string {
  return input.view.region ?? input.cluster.region;
}

/** The account id when known, under the one rule of lib/domain/cluster-facts.ts `clusterAccount`. */
export function accountOf(input: CheckInput): string | undefined {
  return clusterAccount(input.cluster, input.view);
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const EC2_ARN_TYPES = {
  [RESOURCE_TYPES.instance]: 'instance',
  [RESOURCE_TYPES.subnet]: 'subnet',
  [RESOURCE_TYPES.routeTable]: 'route-table',
  [RESOURCE_TYPES.securityGroup]: 'security-group',
  [RESOURCE_TYPES.vpc]: 'vpc',
} as const;

type Ec2Type = keyof typeof EC2_ARN_TYPES;

/** A resource reference for an EC2 resource, with its ARN when the account is known. */
export function ec2Ref(input: CheckInput, type: Ec2Type, id: string): ResourceRef {
  const account = accountOf(input);
  const region = regionOf(input);
  return account ? { type, id, arn: `arn:${partitionOf(region)}:ec2:${region}:${account}:${EC2_ARN_TYPES[type]}/${id}` } : { type, id };
}

/** The unit for "the whole cluster in this account" (a gap of a whole kind with no better unit). */
export function clusterScopeRef(input: CheckInput): ResourceRef {
  return { type: RESOURCE_TYPES.account, id: accountOf(input) ?? `cluster/${input.cluster.name}` };
}
