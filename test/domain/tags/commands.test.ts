import { describe, expect, it } from '@jest/globals';
import { createTagsCommand, deleteTagsCommand, shellWord } from '../../../lib/domain/tags/commands.js';

describe('tag commands', () => {
  it('builds a create-tags command with the real ids', () => {
    expect(createTagsCommand(['subnet-0abc'], 'kubernetes.io/cluster/prod', 'shared', 'us-west-1')).toBe(
      'aws ec2 create-tags --resources subnet-0abc --tags Key=kubernetes.io/cluster/prod,Value=shared --region us-west-1',
    );
  });

  it('builds a delete-tags command for several keys', () => {
    expect(deleteTagsCommand(['sg-1', 'sg-2'], ['kubernetes.io/cluster/prod', 'KubernetesCluster'])).toBe(
      'aws ec2 delete-tags --resources sg-1 sg-2 --tags Key=kubernetes.io/cluster/prod Key=KubernetesCluster',
    );
  });

  it('quotes words with shell metacharacters', () => {
    expect(shellWord('plain-word_1.2/x')).toBe('plain-word_1.2/x');
    expect(shellWord("it's $x")).toBe(`'it'\\''s $x'`);
  });
});
