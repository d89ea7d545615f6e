import { describe, expect, it } from '@jest/globals';
import { contextEntriesFor } from '../../../lib/adapters/iam/context-entries.js';

describe('contextEntriesFor', () => {
  const context = {
    'aws:ResourceTag/KubernetesCluster': ['prod-east'],
    'aws:SourceIp': ['10.0.0.1'],
    'ec2:Region': ['us-west-1', 'us-east-1'],
  };

  it('keeps only the keys the role\'s policies use, compared case-insensitively', () => {
    expect(contextEntriesFor(context, ['AWS:ResourceTag/kubernetescluster'])).toEqual([
      { ContextKeyName: 'aws:ResourceTag/KubernetesCluster', ContextKeyValues: ['prod-east'], ContextKeyType: 'string' },
    ]);
  });

  it('types known global keys and makes lists of several values', () => {
    expect(contextEntriesFor(context, ['aws:sourceip', 'ec2:region'])).toEqual([
      { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.0.0.1'], ContextKeyType: 'ip' },
      { ContextKeyName: 'ec2:Region', ContextKeyValues: ['us-west-1', 'us-east-1'], ContextKeyType: 'stringList' },
    ]);
  });

  it('passes every entry when the used keys are unknown, and nothing without a context', () => {
    expect(contextEntriesFor(context, undefined)).toHaveLength(3);
    expect(contextEntriesFor(undefined, ['aws:SourceIp'])).toEqual([]);
  });
});
