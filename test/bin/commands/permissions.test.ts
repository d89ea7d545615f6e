import { describe, expect, it } from '@jest/globals';
import { main, type CliIo } from '../../../bin/cli.js';
import { manifestJson, renderPermissions } from '../../../bin/commands/permissions-render.js';
import { auditorActions, auditorPolicy, PERMISSION_MANIFEST } from '../../../lib/adapters/permissions.js';
import { configSchema } from '../../../lib/domain/config/schema.js';

function io(): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env: {} }, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('permissions command', () => {
  it('prints the auditor policy document by default and with --format policy', async () => {
    // Arrange
    const a = io();
    const b = io();

    // Act
    const codes = [await main(['permissions'], a.io), await main(['permissions', '--format', 'policy'], b.io)];

    // Assert
    expect(codes).toEqual([0, 0]);
    expect(JSON.parse(a.stdout())).toEqual(auditorPolicy());
    expect(b.stdout()).toBe(a.stdout());
    expect(a.stderr()).toBe('');
  });

  it('prints the manifest with --format json: every action, and per adapter its actions and why', async () => {
    // Arrange
    const h = io();

    // Act
    const code = await main(['permissions', '--format', 'json'], h.io);

    // Assert
    expect(code).toBe(0);
    const json = JSON.parse(h.stdout()) as ReturnType<typeof manifestJson>;
    expect(json.actions).toEqual(auditorActions());
    expect(json.adapters.map((a) => a.adapter)).toEqual(PERMISSION_MANIFEST.map((e) => e.adapter));
    expect(json.adapters.every((a) => a.purpose !== '' && a.actions.length > 0)).toBe(true);
    expect(json.actions).toEqual(expect.arrayContaining(['ec2:DescribeSubnets', 'iam:SimulatePrincipalPolicy', 'sts:GetCallerIdentity']));
  });

  it('narrows sts:AssumeRole to the config\'s assumeRoleArns, and drops it when none is configured', () => {
    // Arrange
    const role = 'arn:aws:iam::123456789012:role/audit-reader';
    const withAssume = configSchema.parse({ clusters: [{ name: 'a', region: 'us-west-1', assumeRoleArn: role, roles: { worker: 'arn:aws:iam::123456789012:role/w' } }] });
    const without = configSchema.parse({ clusters: [{ name: 'a', region: 'us-west-1', roles: { worker: 'arn:aws:iam::123456789012:role/w' } }] });

    // Act
    const narrowed = JSON.parse(renderPermissions('policy', withAssume)) as { Statement: { Action: string[]; Resource: unknown }[] };
    const none = JSON.parse(renderPermissions('policy', without)) as { Statement: { Action: string[] }[] };

    // Assert
    expect(narrowed.Statement.find((s) => s.Action.includes('sts:AssumeRole'))?.Resource).toEqual([role]);
    expect(none.Statement.flatMap((s) => s.Action)).not.toContain('sts:AssumeRole');
  });

  it('exits 2 for an unknown --format', async () => {
    // Arrange
    const h = io();

    // Act
    const code = await main(['permissions', '--format', 'yaml'], h.io);

    // Assert
    expect(code).toBe(2);
    expect(h.stderr()).toMatch(/--format/);
  });
});
