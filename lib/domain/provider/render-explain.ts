import { describeProviderSettings } from './settings.js';
import type { Explanation, InstanceExplanation } from './explain.js';
import { roleTagLabel } from './explain.js';

/** `explain` output formats. */
export const EXPLAIN_FORMATS = ['table', 'json'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

/** Renders an explanation as JSON (stable key order, as built) or as a plain-text table. */
export function renderExplanation(e: Explanation, format: ExplainFormat): string {
  if (format === 'json') return `${JSON.stringify(e, null, 2)}\n`;
  return `${explanationText(e).join('\n')}\n`;
}

const yesNo = (v: boolean | undefined) => (v === undefined ? '?' : v ? 'yes' : 'no');

function explanationText(e: Explanation): string[] {
  const out: string[] = [];
  out.push(`Cluster ${e.cluster} | account ${e.account ?? 'unknown'} | ${e.region} | preset ${e.preset}`);
  out.push(`provider: ${describeProviderSettings(e.settings)}`);
  out.push('');
  out.push(`Load-balancer subnets (aws.go findELBSubnets), in the VPC${e.loadBalancerSubnets.length === 1 ? '' : 's'} of ${e.vpcBasis === 'control-plane' ? 'the control-plane instances' : 'the cluster instances (no control-plane instance identified)'}:`);
  if (e.loadBalancerSubnets.length === 0) out.push('  (no VPC: no cluster instance found)');
  for (const vpc of e.loadBalancerSubnets) {
    out.push(`  ${vpc.vpcId}${vpc.fallback ? `: no candidate subnet, falls back to the controller's subnet (${vpc.fallbackSubnets.join(' or ') || 'unknown'})` : ''}`);
    if (vpc.unknownRouteTable.length > 0) out.push(`    route table unknown for ${vpc.unknownRouteTable.join(', ')}: the provider fails with "could not locate routing table"`);
    for (const t of vpc.types) {
      out.push(`    ${t.type}: ${t.subnets.length > 0 ? t.subnets.join(', ') : `none -> "${t.error ?? ''}"`}`);
      if (t.skippedPrivate.length > 0) out.push(`      private, skipped: ${t.skippedPrivate.join(', ')}`);
      for (const az of t.azs) {
        out.push(`      ${az.availabilityZone}${az.zoneType === 'availability-zone' ? '' : ` (${az.zoneType})`}: ${az.chosen}${az.dropped ? ' [dropped]' : ''} - ${az.why}`);
        if (az.candidates.length > 1 || az.candidates.some((c) => c.outpostArn)) {
          for (const c of az.candidates) {
            out.push(
              `        ${c.subnetId}  public=${yesNo(c.public)}  ${roleTagLabel(t.type)}=${yesNo(c.roleTag)}  cluster-tag=${yesNo(c.clusterTagged)}${c.routeTable ? `  rtb=${c.routeTable}` : ''}${c.outpostArn ? '  OUTPOST' : ''}`,
            );
          }
        }
      }
    }
    for (const x of vpc.excluded) out.push(`    not a candidate: ${x.subnetId} (${x.availabilityZone}) ${x.why}`);
  }
  out.push('');
  const rt = e.routeTable;
  out.push(`Route table of the route controller (aws_routes.go findRouteTable)${rt.cloudRoutes ? '' : ' - cloud routes are off in the config'}:`);
  out.push(
    `  ${rt.via === 'routeTableId' ? 'cloud-config RouteTableID' : 'tagged tables in the region'}: ${rt.tables.map((t) => `${t.routeTableId} (${t.vpcId})`).join(', ') || 'none'}` +
      ` -> ${rt.chosen ?? `"${rt.error ?? ''}"`}`,
  );
  out.push('');
  out.push('Instances:');
  out.push(`  ${'instance'.padEnd(20)} ${'role'.padEnd(13)} ${'node name'.padEnd(44)} ${'security group for load balancers'.padEnd(34)} imds`);
  for (const i of e.instances) out.push(`  ${instanceRow(i)}`);
  for (const i of e.instances) {
    if (i.providerId) out.push(`  ${i.instanceId} providerID ${i.providerId}${i.node ? ` | node ${i.node.name}${i.node.providerIdMatches ? '' : ` has ${i.node.providerId ?? 'no providerID'}`}` : ''}`);
  }
  for (const g of e.gaps) out.push(`gap: ${g}`);
  for (const n of e.notes) out.push(`note: ${n}`);
  return out;
}

function instanceRow(i: InstanceExplanation): string {
  const sg = i.securityGroup;
  const sgText =
    sg.kind === 'chosen' ? `${sg.groupId} (${sg.why === 'the only cluster-tagged group' ? 'tagged' : 'only group'})`
    : sg.kind === 'error' ? `ERROR: ${sg.error.startsWith('Multiple tagged') ? 'several tagged' : 'several untagged'}`
    : sg.kind === 'disabled' ? 'none (DisableSecurityGroupIngress)'
    : sg.kind === 'none' ? 'none (no group)'
    : `unknown (${sg.missing.join(', ')} not collected)`;
  const imds = i.imds.httpEndpoint === undefined ? 'unknown' : `${i.imds.httpEndpoint}/${i.imds.httpTokens ?? '?'}/hop ${i.imds.hopLimit ?? '?'}`;
  const verdict = i.imds.verdict === 'ok' || i.imds.verdict === 'not needed' ? '' : ` <- ${i.imds.verdict.toUpperCase()}`;
  return `${i.instanceId.padEnd(20)} ${(i.controlPlane ? 'control-plane' : 'worker').padEnd(13)} ${(i.nodeNames[0] ?? '(none)').padEnd(44)} ${sgText.padEnd(34)} ${imds}${verdict}`;
}
