import { describe, expect, it } from '@jest/globals';
import { parseNodes } from '../../../lib/adapters/snapshot/parse-nodes.js';
import { SNAPSHOT_FILES } from '../../../lib/adapters/snapshot/snapshot-files.js';
import { basicFile, fixtureJson, snapshotErrorOf, snapshotFile } from './snapshot-fixture.js';

const SPEC = SNAPSHOT_FILES.nodes;

describe('parseNodes', () => {
  it('maps the items of `kubectl get nodes -o json`', () => {
    const nodes = parseNodes(basicFile(SPEC));

    expect(nodes).toHaveLength(2);
    expect(nodes[0]).toStrictEqual({
      name: 'ip-10-0-1-10.us-west-1.compute.internal',
      providerId: 'aws:///us-west-1b/i-0a1b2c3d4e5f00001',
      internalIps: ['10.0.1.10'],
      internalDnsNames: ['ip-10-0-1-10.us-west-1.compute.internal'],
      labels: {
        'kubernetes.io/hostname': 'ip-10-0-1-10.us-west-1.compute.internal',
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/region': 'us-west-1',
        'topology.kubernetes.io/zone': 'us-west-1b',
        'node-role.kubernetes.io/control-plane': '',
      },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    });
    expect(nodes[1]?.taints).toEqual([]);
  });

  it('accepts a single Node object', () => {
    const list = fixtureJson<{ items: unknown[] }>(SPEC);

    expect(parseNodes(snapshotFile(SPEC, list.items[1]))).toEqual([parseNodes(basicFile(SPEC))[1]]);
  });

  it('maps a node without providerID, labels, taints or addresses', () => {
    expect(parseNodes(snapshotFile(SPEC, { kind: 'List', items: [{ metadata: { name: 'n1' }, spec: { providerID: '' } }] }))).toStrictEqual([
      { name: 'n1', internalIps: [], internalDnsNames: [], labels: {}, taints: [] },
    ]);
  });

  it('names the path of a node without a name', () => {
    expect(snapshotErrorOf(() => parseNodes(snapshotFile(SPEC, { kind: 'List', items: [{ metadata: {} }] }))).message).toBe(
      'snap/kubectl-get-nodes.json: items[0].metadata.name: expected a string, but it is missing',
    );
  });

  it('rejects the items of another kubectl get (pods), naming the kind found', () => {
    const pods = { kind: 'List', items: [{ kind: 'Pod', metadata: { name: 'web-1' } }] };

    expect(snapshotErrorOf(() => parseNodes(snapshotFile(SPEC, pods))).message).toBe(
      'snap/kubectl-get-nodes.json: items[0].kind: expected "Node" (the output of `kubectl get nodes -o json`), got "Pod"',
    );
    expect(snapshotErrorOf(() => parseNodes(snapshotFile(SPEC, { kind: 'PodList', items: [] }))).path).toBe('kind');
  });

  it('names the expected command for another kind of object', () => {
    expect(snapshotErrorOf(() => parseNodes(snapshotFile(SPEC, { kind: 'Pod', metadata: { name: 'x' } }))).message).toBe(
      'snap/kubectl-get-nodes.json: expected the output of `kubectl get nodes -o json` (an object with items), got an object with kind, metadata',
    );
  });
});
