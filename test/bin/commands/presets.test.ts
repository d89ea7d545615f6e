import { describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { register, type PresetJson } from '../../../bin/commands/presets.js';
import { UsageError } from '../../../lib/app/errors.js';

async function run(...args: string[]): Promise<string> {
  let out = '';
  const program = new Command('kube-aws-audit').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: () => undefined });
  register(program);
  await program.parseAsync(args, { from: 'user' });
  return out;
}

describe('presets command', () => {
  it('lists every preset as a table with counts and sources', async () => {
    // Act
    const out = await run('presets');

    // Assert
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PRESET\s+CONTROL PLANE\s+WORKER\s+TAG SCOPING\s+SOURCE$/);
    expect(lines).toHaveLength(4);
    expect(out).toContain('cloud-provider-aws (default)  57 required, 4 optional  9 required, 0 optional');
    expect(out).toContain('kubernetes/kops pkg/model/iam/iam_builder.go, master 2026-08');
  });

  it('prints every preset as JSON', async () => {
    // Act
    const presets = JSON.parse(await run('presets', '--format', 'json')) as PresetJson[];

    // Assert
    expect(presets.map((p) => p.name)).toEqual(['cloud-provider-aws', 'in-tree', 'kops']);
    expect(presets[0]?.default).toBe(true);
    expect(presets[0]?.controlPlane.required).toHaveLength(57);
    expect(presets[2]?.tagScoping.tag).toBe('KubernetesCluster = <cluster> (legacy tag)');
  });

  it('shows one preset in detail, as text or JSON', async () => {
    // Act
    const text = await run('presets', '--preset', 'in-tree');
    const json = JSON.parse(await run('presets', '--preset', 'in-tree', '--format', 'json')) as PresetJson;

    // Assert
    expect(text).toContain('Source: kubernetes/legacy-cloud-providers v0.26.0 aws/aws.go');
    expect(text).toContain('  required (58):');
    expect(text).toContain('    ec2:DescribeVolumesModifications');
    expect(json.worker.required).toHaveLength(9);
  });

  it('rejects an unknown preset or format with a usage error', async () => {
    await expect(run('presets', '--preset', 'eks')).rejects.toThrow(new UsageError('unknown preset "eks"; expected one of cloud-provider-aws, in-tree, kops'));
    await expect(run('presets', '--format', 'yaml')).rejects.toBeInstanceOf(UsageError);
  });
});
