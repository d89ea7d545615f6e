import { describe, expect, it } from '@jest/globals';
import { canonicalProviderId, parseProviderId } from '../../../../lib/domain/checks/nodes/provider-id-format.js';

describe('parseProviderId', () => {
  it('parses the canonical form', () => {
    expect(parseProviderId('aws:///us-west-1a/i-0123456789abcdef0')).toEqual({ form: 'canonical', availabilityZone: 'us-west-1a', instanceId: 'i-0123456789abcdef0' });
    expect(canonicalProviderId('us-west-1a', 'i-1')).toBe('aws:///us-west-1a/i-1');
  });

  it('tolerates what the provider still parses', () => {
    expect(parseProviderId('aws:////i-0abc')).toEqual({ form: 'tolerated', instanceId: 'i-0abc' });
    expect(parseProviderId('i-0abc')).toEqual({ form: 'tolerated', instanceId: 'i-0abc' });
    expect(parseProviderId('aws://host/us-west-1a/i-0abc')).toEqual({ form: 'tolerated', availabilityZone: 'us-west-1a', instanceId: 'i-0abc' });
  });

  it('rejects what the provider cannot parse', () => {
    for (const bad of ['', 'aws:///us-west-1a/vol-1', 'gce://p/z/n', 'aws:///a/b/i-1', 'aws:///us-west-1a/']) {
      expect(parseProviderId(bad)).toEqual({ form: 'invalid' });
    }
  });
});
