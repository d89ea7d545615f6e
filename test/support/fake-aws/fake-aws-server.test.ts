import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EC2Client, DescribeInstancesCommand, DescribeSubnetsCommand, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { IAMClient, GetRoleCommand, GetAccountAuthorizationDetailsCommand, SimulatePrincipalPolicyCommand, GetContextKeysForPrincipalPolicyCommand, GetPolicyVersionCommand } from '@aws-sdk/client-iam';
import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { FakeAws } from './fake-aws-server.js';

const dir = 'test/fixtures/fake-aws/tiny';

describe('FakeAws (loopback fake of the IAM, STS and EC2 query APIs)', () => {
  let fake: FakeAws;
  let ec2: EC2Client;
  let iam: IAMClient;
  let sts: STSClient;
  beforeAll(async () => {
    fake = await FakeAws.start({
      snapshotDir: dir,
      pageSize: { ec2: 1 },
      simulate: ({ actions }) => actions.map((a) => ({ EvalActionName: a, EvalResourceName: '*', EvalDecision: a.startsWith('ecr:') ? 'allowed' : 'implicitDeny', MatchedStatements: [], MissingContextValues: a.startsWith('ec2:') ? ['aws:ResourceTag/KubernetesCluster'] : [] })),
    });
    // Three attempts with the SDK's standard retry decisions, but a 1 ms backoff instead of up to seconds.
    const cfg = { endpoint: fake.url, region: 'us-west-1', retryStrategy: new ConfiguredRetryStrategy(3, 1) };
    ec2 = new EC2Client(cfg);
    iam = new IAMClient({ ...cfg, region: 'us-east-1' });
    sts = new STSClient(cfg);
  });
  afterAll(async () => {
    ec2.destroy(); iam.destroy(); sts.destroy();
    await fake.stop();
  });

  it('serves DescribeInstances pages the SDK parses, applying filters', async () => {
    const pages = [];
    for await (const page of paginateDescribeInstances({ client: ec2 }, {})) pages.push(page);
    expect(pages).toHaveLength(2);
    const first = pages[0]!.Reservations![0]!.Instances![0]!;
    expect(first.InstanceId).toBe('i-0aaa');
    expect(first.Tags).toEqual([{ Key: 'kubernetes.io/cluster/prod', Value: 'owned' }, { Key: 'Name', Value: 'w1' }]);
    expect(first.SecurityGroups).toEqual([{ GroupId: 'sg-01', GroupName: 'k8s' }]);
    expect(first.LaunchTime).toBeInstanceOf(Date);
    const filtered = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag-key', Values: ['kubernetes.io/cluster/prod'] }] }));
    expect(filtered.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual(['i-0aaa']);
  });

  it('answers an unknown subnet id with the EC2 error code', async () => {
    await expect(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-nope'] }))).rejects.toMatchObject({ name: 'InvalidSubnetID.NotFound' });
  });

  it('serves IAM roles with URL-encoded documents, as IAM does', async () => {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'worker' }));
    expect(Role?.AssumeRolePolicyDocument).toMatch(/^%7B/);
    const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::123456789012:policy/ecr', VersionId: 'v2' }));
    expect(JSON.parse(decodeURIComponent(PolicyVersion!.Document!))).toMatchObject({ Statement: [{ Action: 'ecr:*' }] });
    await expect(iam.send(new GetRoleCommand({ RoleName: 'nope' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('paginates GetAccountAuthorizationDetails on Marker', async () => {
    const first = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1 }));
    expect(first.RoleDetailList).toHaveLength(1);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1, Marker: first.Marker }));
    expect(second.Policies?.[0]?.PolicyVersionList).toHaveLength(2);
    expect(second.IsTruncated).toBe(false);
  });

  it('simulates with the given decider and lists context keys', async () => {
    const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::123456789012:role/worker', ActionNames: ['ecr:ListImages', 'ec2:DescribeInstances'] }));
    expect(out.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision, r.MissingContextValues])).toEqual([
      ['ecr:ListImages', 'allowed', []],
      ['ec2:DescribeInstances', 'implicitDeny', ['aws:ResourceTag/KubernetesCluster']],
    ]);
    const keys = await iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::123456789012:role/worker' }));
    expect(keys.ContextKeyNames).toEqual(['aws:ResourceTag/KubernetesCluster']);
  });

  it('answers STS', async () => {
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/audit', RoleSessionName: 's', ExternalId: 'x1' }));
    expect(assumed.Credentials?.SessionToken).toBe('fake-token-x1');
  });

  it('injects faults the SDK sees as AWS errors', async () => {
    fake.setFaults({ denied: ['DescribeSubnets'], notImplemented: ['SimulatePrincipalPolicy'] });
    await expect(ec2.send(new DescribeSubnetsCommand({}))).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::123456789012:role/worker', ActionNames: ['ec2:DescribeInstances'] }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 501 } });
    fake.setFaults({ malformed: ['GetCallerIdentity'] });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow();
    fake.setFaults({ throttleRate: 0.3, seed: 7 });
    const before = fake.count('DescribeSubnets');
    for (let i = 0; i < 10; i++) await ec2.send(new DescribeSubnetsCommand({}));
    const tried = fake.count('DescribeSubnets') - before;
    expect(tried).toBeGreaterThan(10); // some throttled calls were retried by the SDK
    fake.setFaults({});
  });

  it('throttles chosen operations beyond any retry, and answers chosen operations slowly', async () => {
    fake.setFaults({ throttled: ['DescribeSubnets'], slow: ['GetCallerIdentity'], slowMs: 150 });
    await expect(ec2.send(new DescribeSubnetsCommand({}))).rejects.toMatchObject({ name: 'RequestLimitExceeded', $metadata: { attempts: 3 } });
    const started = Date.now();
    await sts.send(new GetCallerIdentityCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    fake.setFaults({});
  });

  it('records a call the client gave up on while the fake was slow as status 0', async () => {
    fake.setFaults({ slow: ['GetCallerIdentity'], slowMs: 5_000 });
    const before = fake.calls.length;
    await expect(sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(50) })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls.slice(before).map((c) => [c.action, c.status])).toEqual([['GetCallerIdentity', 0]]);
    fake.setFaults({});
  });
});
