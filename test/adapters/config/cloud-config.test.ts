import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../lib/adapters/config/parse-config.js';
import { ConfigError } from '../../../lib/app/errors.js';

const BASE = `clusters:
  - name: prod-east
    region: us-west-1
    roles:
      controlPlane: arn:aws:iam::123456789012:role/k8s-control-plane
`;

function message(text: string): string {
  try {
    parseConfig(text, 'config.yaml', {});
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('cloudConfig and cloudController', () => {
  it('reads the cloud-config switches and cloudController.hostNetwork', () => {
    const config = parseConfig(
      `${BASE}    cloudConfig:\n      routeTableId: rtb-0123456789abcdef0\n      disableSecurityGroupIngress: true\n      kubernetesClusterId: prod-k8s\n      roleArn: arn:aws:iam::123456789012:role/ccm\n    cloudController:\n      hostNetwork: true\n`,
      'config.yaml',
      {},
    );
    expect(config.clusters[0]).toMatchObject({
      cloudConfig: { routeTableId: 'rtb-0123456789abcdef0', disableSecurityGroupIngress: true, kubernetesClusterId: 'prod-k8s', roleArn: 'arn:aws:iam::123456789012:role/ccm' },
      cloudController: { hostNetwork: true },
    });
  });

  it('leaves both absent by default', () => {
    const config = parseConfig(BASE, 'config.yaml', {});
    expect(config.clusters[0]?.cloudConfig).toBeUndefined();
    expect(config.clusters[0]?.cloudController).toBeUndefined();
  });

  it('rejects a legacy id that differs from the cluster id, as the provider does (tags.go:71-72 "clusterID tags did not match")', () => {
    expect(message(`${BASE}    cloudConfig:\n      kubernetesClusterTag: a\n      kubernetesClusterId: b\n`)).toBe(
      'config.yaml: clusters[0].cloudConfig.kubernetesClusterId: differs from kubernetesClusterTag (a); the provider refuses to start with "clusterID tags did not match"',
    );
  });

  it('names a bad route table id and an unknown key', () => {
    expect(message(`${BASE}    cloudConfig:\n      routeTableId: subnet-0a\n`)).toContain('clusters[0].cloudConfig.routeTableId: expected a route table id like rtb-0123456789abcdef0');
    expect(message(`${BASE}    cloudConfig:\n      routeTableID: rtb-0123456789abcdef0\n`)).toBe('config.yaml: clusters[0].cloudConfig.routeTableID: unknown key (did you mean `routeTableId`?)');
    expect(message(`${BASE}    cloudController:\n      hostNetwork: "yes"\n`)).toContain('clusters[0].cloudController.hostNetwork: expected true or false');
  });
});
