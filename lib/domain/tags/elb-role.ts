import type { Tags } from '../model/account-view.js';

/** Subnet role tag for internet-facing load balancers (key only; any value). */
export const ELB_ROLE_TAG = 'kubernetes.io/role/elb';
/** Subnet role tag for internal load balancers (key only; any value). */
export const INTERNAL_ELB_ROLE_TAG = 'kubernetes.io/role/internal-elb';

/** True when the subnet carries either load-balancer role key. */
export function hasElbRoleTag(tags: Tags): boolean {
  return ELB_ROLE_TAG in tags || INTERNAL_ELB_ROLE_TAG in tags;
}
