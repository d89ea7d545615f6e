import type { ClusterConfig, RoleKey } from '../../config/schema.js';
import { CLI_ROLE_NAMES } from '../../requirements/preset.js';

/** The generator command for a role, e.g. `kube-aws-audit policy --preset kops --role control-plane --cluster prod --tag-scoped`. */
export function policyCommand(cluster: ClusterConfig, role: RoleKey): string {
  const tagScoped = cluster.preset === 'kops' ? ' --tag-scoped' : '';
  return `kube-aws-audit policy --preset ${cluster.preset} --role ${CLI_ROLE_NAMES[role]} --cluster ${cluster.name}${tagScoped}`;
}

/** Remediation text pointing to the least-privilege policy of every key of a role. */
export function generatorRemediation(cluster: ClusterConfig, keys: readonly RoleKey[], lead: string): string {
  const commands = keys.map((k) => policyCommand(cluster, k)).join(' and ');
  return `${lead} Least-privilege policy: ${commands}`;
}
