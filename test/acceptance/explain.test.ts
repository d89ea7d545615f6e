/**
 * Acceptance: `kube-aws-audit explain` through the built CLI on the demo (fixtures/demo/DRIFT.md D23, D25-D27),
 * expectations from docs/provider-rules.md (cloud-provider-aws 63ec440c aws.go findELBSubnets 1690-1795,
 * aws_routes.go findRouteTable 31-67, aws.go findSecurityGroupForInstance 2910-2952).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Explanation } from '../../lib/domain/provider/explain.js';
import { buildCli, cliNeedsBuild, runCli } from './support/built-cli.js';
import { FIXTURES_DIR } from './support/scenarios.js';

const DEMO = join(FIXTURES_DIR, 'demo');
const explain = (...extra: string[]) => runCli(['explain', '--config', join(DEMO, 'config.yaml'), '--snapshot', join(DEMO, 'snapshot'), ...extra]);

beforeAll(async () => {
  if (cliNeedsBuild()) await buildCli();
}, 120_000);

describe('kube-aws-audit explain', () => {
  it('shows the stuck internet-facing load balancer of staging and its internal subnets, as JSON when piped (D25, D23)', async () => {
    const result = await explain('--cluster', 'staging');
    expect(result.code).toBe(0);
    const e = JSON.parse(result.stdout) as Explanation;
    expect(e.vpcBasis).toBe('control-plane');
    const [vpc] = e.loadBalancerSubnets;
    expect(vpc?.vpcId).toBe('vpc-0f95d998fbc608bb5');
    const [internetFacing, internal] = vpc?.types ?? [];
    expect(internetFacing).toMatchObject({ type: 'internet-facing', subnets: [], error: 'could not find any suitable subnets for creating the ELB' });
    expect(internal).toMatchObject({ type: 'internal', subnets: ['subnet-0123ad92b9c7c0b38', 'subnet-01dc09c79089c0d6b'] });
    expect(internal?.azs[0]).toMatchObject({ availabilityZone: 'us-west-1a', chosen: 'subnet-0123ad92b9c7c0b38', why: expect.stringContaining('lowest subnet id') });
    expect(vpc?.excluded).toEqual([{ subnetId: 'subnet-01a5f9b54c7cf8d31', availabilityZone: 'us-west-1c', why: 'tagged for staging-v1' }]);
    expect(e.routeTable).toMatchObject({ cloudRoutes: true, via: 'tag', tables: [], error: 'unable to find route table for AWS cluster: staging' });
    expect(e.instances.find((i) => i.instanceId === 'i-0139eb1a98245511c')?.imds.verdict).toBe('disabled');
    expect(e.instances.find((i) => i.instanceId === 'i-01d2ed8df197fd5c1')?.securityGroup).toMatchObject({ kind: 'error', error: expect.stringContaining('Multiple tagged security groups') });
  }, 60_000);

  it('prints a table with --format table: the route controller error, the IMDS hop limit and node providerIDs of prod-east (D9, D26)', async () => {
    const result = await explain('--cluster', 'prod-east', '--format', 'table');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('-> "found multiple matching AWS route tables for AWS cluster: prod-east"');
    expect(result.stdout).toMatch(/i-02090cdebf3221ee6 +control-plane .*enabled\/required\/hop 1 <- HOP-LIMIT/);
    expect(result.stdout).toContain('i-0ab02faadbdc15617 providerID aws:///us-west-1c/i-0ab02faadbdc15617 | node ip-10-20-40-7.us-west-1.compute.internal has aws:///us-west-1c/i-01518c1b06a6af85f');
  }, 60_000);

  it('exits 3 and lists what is missing when a cluster subnet is not in the data (scenarios/incomplete-missing-subnet)', async () => {
    const dir = join(FIXTURES_DIR, 'scenarios', 'incomplete-missing-subnet');
    const result = await runCli(['explain', '--config', join(dir, 'config.yaml'), '--snapshot', join(dir, 'snapshot'), '--cluster', 'gamma', '--format', 'json']);
    expect(result.code).toBe(3);
    expect((JSON.parse(result.stdout) as Explanation).gaps).toEqual([expect.stringContaining('subnet subnet-08da3bede1df43744')]);
  }, 60_000);

  it('refuses an unknown cluster and a missing source with one line and exit 2', async () => {
    const unknown = await explain('--cluster', 'nope');
    expect({ code: unknown.code, stdout: unknown.stdout }).toEqual({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('--cluster nope is not in the config (configured: prod-east, staging)');
    const noSource = await runCli(['explain', '--config', join(DEMO, 'config.yaml'), '--cluster', 'staging']);
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toContain('explain needs --snapshot <dir> or --live');
  }, 60_000);
});
