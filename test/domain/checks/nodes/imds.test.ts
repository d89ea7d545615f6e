/**
 * node.imds.disabled and node.imds.hop-limit. The provider reads IMDS at start-up (cloud-provider-aws 63ec440c
 * config/config.go:145-158 region, aws.go:1122 instance id, aws_sdk.go:210-241 the IMDS client); the CCM chart runs it
 * without hostNetwork unless `.Values.hostNetworking` (charts/aws-cloud-controller-manager/templates/daemonset.yaml:31),
 * kops with hostNetwork: true. docs/provider-rules.md "Instance metadata".
 */
import { describe, expect, it } from '@jest/globals';
import { checkImds } from '../../../../lib/domain/checks/nodes/imds.js';
import { aCheckInput, aCluster, aControlPlaneInstance, aGap, anInstance, aView } from '../../../support/builders.js';

const hop1 = { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, state: 'applied' };
const off = { httpEndpoint: 'disabled', httpTokens: 'optional', httpPutResponseHopLimit: 1, state: 'applied' };

describe('node.imds.*', () => {
  it('finds nothing in an empty account and on compliant instances', () => {
    expect(checkImds(aCheckInput())).toEqual([]);
    expect(checkImds(aCheckInput({ view: aView({ instances: [aControlPlaneInstance(), anInstance()] }) }))).toEqual([]);
  });

  it('flags a control-plane instance with IMDS disabled (high), with the modify-instance-metadata-options fix', () => {
    const cp = aControlPlaneInstance({ metadataOptions: off });
    const [draft] = checkImds(aCheckInput({ view: aView({ instances: [cp] }) }));
    expect(draft).toMatchObject({ check: 'node.imds.disabled', resource: { id: cp.instanceId } });
    expect(draft?.remediation).toBe(`aws ec2 modify-instance-metadata-options --instance-id ${cp.instanceId} --http-endpoint enabled --http-tokens required --region us-west-1`);
  });

  it('out-of-tree: a worker with IMDS disabled is fine (the external kubelet does not read it for the provider)', () => {
    expect(checkImds(aCheckInput({ view: aView({ instances: [anInstance({ metadataOptions: off })] }) }))).toEqual([]);
  });

  it('in-tree: every node needs IMDS (the kubelet\'s cloud provider reads it)', () => {
    const worker = anInstance({ metadataOptions: off });
    const drafts = checkImds(aCheckInput({ view: aView({ instances: [worker] }), cluster: aCluster({ preset: 'in-tree' }) }));
    expect(drafts).toEqual([expect.objectContaining({ check: 'node.imds.disabled', resource: expect.objectContaining({ id: worker.instanceId }) })]);
  });

  it('flags hop limit 1 with tokens required on a control-plane instance of the cloud-provider-aws chart (no hostNetwork by default)', () => {
    const cp = aControlPlaneInstance({ metadataOptions: hop1 });
    const [draft] = checkImds(aCheckInput({ view: aView({ instances: [cp] }) }));
    expect(draft).toMatchObject({ check: 'node.imds.hop-limit', evidence: { metadataOptions: hop1 } });
    expect(draft?.remediation).toContain(`aws ec2 modify-instance-metadata-options --instance-id ${cp.instanceId} --http-put-response-hop-limit 2 --http-tokens required --region us-west-1`);
  });

  it('no hop-limit finding for workers, optional tokens (IMDSv1 fallback works), kops (hostNetwork), in-tree, or cloudController.hostNetwork: true', () => {
    const view = aView({ instances: [anInstance({ metadataOptions: hop1 })] });
    expect(checkImds(aCheckInput({ view }))).toEqual([]);
    const cpOptional = aView({ instances: [aControlPlaneInstance({ metadataOptions: { ...hop1, httpTokens: 'optional' } })] });
    expect(checkImds(aCheckInput({ view: cpOptional }))).toEqual([]);
    const cp = aView({ instances: [aControlPlaneInstance({ metadataOptions: hop1 })] });
    expect(checkImds(aCheckInput({ view: cp, cluster: aCluster({ preset: 'kops' }) }))).toEqual([]);
    expect(checkImds(aCheckInput({ view: cp, cluster: aCluster({ preset: 'in-tree' }) }))).toEqual([]);
    expect(checkImds(aCheckInput({ view: cp, cluster: aCluster({ cloudController: { hostNetwork: true } }) }))).toEqual([]);
    expect(checkImds(aCheckInput({ view: cp, cluster: aCluster({ preset: 'kops', cloudController: { hostNetwork: false } }) }))).toHaveLength(1);
  });

  it('recognises kops control-plane instances by their k8s.io/role/control-plane tag', () => {
    const kopsCp = anInstance({ tags: { 'kubernetes.io/cluster/prod': 'owned', 'k8s.io/role/control-plane': '1' }, metadataOptions: off });
    expect(checkImds(aCheckInput({ view: aView({ instances: [kopsCp] }) }))).toHaveLength(1);
  });

  it('never passes an instance whose MetadataOptions are unknown: one could-not-check covering both checks', () => {
    const a = aControlPlaneInstance();
    const b = aControlPlaneInstance();
    delete a.metadataOptions;
    delete b.metadataOptions;
    const drafts = checkImds(aCheckInput({ view: aView({ instances: [a, b] }) }));
    expect(drafts).toEqual([expect.objectContaining({ check: 'node.imds.disabled', status: 'error', evidence: { instanceIds: [a.instanceId, b.instanceId], checks: ['node.imds.disabled', 'node.imds.hop-limit'] } })]);
  });

  it('reports could-not-check when the instances could not be collected', () => {
    expect(checkImds(aCheckInput({ view: aView({ gaps: [aGap('instances')] }) }))).toEqual([expect.objectContaining({ status: 'error' })]);
  });
});
