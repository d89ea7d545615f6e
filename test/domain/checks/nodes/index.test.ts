import { describe, expect, it } from '@jest/globals';
import { CHECKS } from '../../../../lib/domain/checks/check-ids.js';
import { runNodeChecks } from '../../../../lib/domain/checks/nodes/index.js';
import { aCheckInput, aCompliantView, aControlPlaneInstance, anInstance, aNode, aNodeFor, aView, clusterTag } from '../../../support/builders.js';

describe('runNodeChecks', () => {
  it('finds nothing in an empty account or a compliant cluster with its nodes', () => {
    const view = aCompliantView(3);
    view.nodes = view.instances.map((i) => aNodeFor(i));

    expect(runNodeChecks(aCheckInput())).toEqual([]);
    expect(runNodeChecks(aCheckInput({ view }))).toEqual([]);
  });

  it('raises no false alarm on other clusters\' or terminated instances', () => {
    const view = aCompliantView(1);
    view.instances.push(
      anInstance({ tags: clusterTag('staging'), instanceProfileArn: undefined, privateDnsName: '' }),
      anInstance({ state: 'terminated', instanceProfileArn: undefined, privateDnsName: '' }),
    );

    expect(runNodeChecks(aCheckInput({ view }))).toEqual([]);
  });

  it('emits every node.* check id of the contract and nothing else', () => {
    const unknownRole = anInstance({ instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/web' });
    const view = aView({
      instances: [
        anInstance({ privateDnsName: '', instanceProfileArn: undefined }),
        unknownRole,
        aControlPlaneInstance({ metadataOptions: { httpEndpoint: 'disabled' } }),
        aControlPlaneInstance({ metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 } }),
      ],
      nodes: [aNode({ name: 'x', providerId: 'bogus' }), aNodeFor(unknownRole, { providerId: undefined })],
    });
    view.instanceProfiles.push({ arn: 'arn:aws:iam::123456789012:instance-profile/web', name: 'web', roleArns: ['arn:aws:iam::123456789012:role/web'] });
    const ids: string[] = CHECKS.filter((c) => c.family === 'nodes' && !c.id.endsWith('.family.unavailable')).map((c) => c.id);

    expect(new Set(runNodeChecks(aCheckInput({ view })).map((d) => d.check))).toEqual(new Set(ids));
  });
});
