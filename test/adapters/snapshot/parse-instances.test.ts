import { describe, expect, it } from '@jest/globals';
import { parseInstances } from '../../../lib/adapters/snapshot/parse-instances.js';
import { SNAPSHOT_FILES } from '../../../lib/adapters/snapshot/snapshot-files.js';
import { basicFile, fixtureJson, snapshotErrorOf as errorOf, snapshotFile } from './snapshot-fixture.js';

const SPEC = SNAPSHOT_FILES.instances;

describe('parseInstances', () => {
  it('maps every instance of every reservation from the CLI shape', () => {
    const instances = parseInstances(basicFile(SPEC));

    expect(instances).toHaveLength(7);
    expect(instances[0]).toStrictEqual({
      instanceId: 'i-0a1b2c3d4e5f00001',
      state: 'running',
      privateDnsName: 'ip-10-0-1-10.us-west-1.compute.internal',
      privateIpAddress: '10.0.1.10',
      availabilityZone: 'us-west-1b',
      subnetId: 'subnet-0a1b2c3d4e5f60011',
      vpcId: 'vpc-0a1b2c3d4e5f60001',
      securityGroupIds: ['sg-0a1b2c3d4e5f60021'],
      instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/k8s-control-plane',
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 2, state: 'applied' },
      tags: { 'kubernetes.io/cluster/prod-east': 'owned', Name: 'control-plane' },
    });
  });

  it('keeps instances in every state', () => {
    const states = parseInstances(basicFile(SPEC)).map((instance) => instance.state);

    expect(states).toEqual(['running', 'running', 'pending', 'stopping', 'stopped', 'shutting-down', 'terminated']);
  });

  it('accepts a terminated instance without subnet, VPC, DNS name, groups or profile', () => {
    const terminated = parseInstances(basicFile(SPEC)).find((instance) => instance.state === 'terminated');

    expect(terminated).toStrictEqual({
      instanceId: 'i-0a1b2c3d4e5f00007',
      state: 'terminated',
      privateDnsName: '',
      availabilityZone: 'us-west-1c',
      securityGroupIds: [],
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 2, state: 'applied' },
      tags: {},
    });
  });

  it('reads MetadataOptions as given, and leaves them undefined when the CLI did not print them', () => {
    const json = {
      Reservations: [
        {
          Instances: [
            { InstanceId: 'i-1', State: { Name: 'running' }, MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled', HttpProtocolIpv6: 'disabled' } },
            { InstanceId: 'i-2', State: { Name: 'running' } },
          ],
        },
      ],
    };
    const [withOptions, without] = parseInstances(snapshotFile(SPEC, json));

    expect(withOptions?.metadataOptions).toStrictEqual({ httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, state: 'applied' });
    expect(without?.metadataOptions).toBeUndefined();
  });

  it('gives {} for an instance without Tags', () => {
    const pending = parseInstances(basicFile(SPEC)).find((instance) => instance.state === 'pending');

    expect(pending?.tags).toEqual({});
  });

  it('reads a minimal instance with only id and state', () => {
    const json = { Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: 'running' }, SubnetId: '' }] }] };

    expect(parseInstances(snapshotFile(SPEC, json))).toStrictEqual([
      { instanceId: 'i-1', state: 'running', privateDnsName: '', securityGroupIds: [], tags: {} },
    ]);
  });

  it('merges a JSON array of pages and drops an instance listed twice', () => {
    const page = fixtureJson<{ Reservations: unknown[] }>(SPEC);
    const json = [{ Reservations: page.Reservations.slice(0, 1), NextToken: 'abc' }, { Reservations: page.Reservations }];

    expect(parseInstances(snapshotFile(SPEC, json)).map((instance) => instance.instanceId)).toHaveLength(7);
  });

  it('names the file and JSON path of a wrong field', () => {
    const json = { Reservations: [{ Instances: [] }, { Instances: [] }, { Instances: [{ State: { Name: 'running' } }] }] };

    const error = errorOf(() => parseInstances(snapshotFile(SPEC, json)));

    expect(error.message).toBe('snap/ec2-describe-instances.json: Reservations[2].Instances[0].InstanceId: expected a string, but it is missing');
    expect(error.file).toBe('snap/ec2-describe-instances.json');
    expect(error.path).toBe('Reservations[2].Instances[0].InstanceId');
  });

  it('says what it found when a field has the wrong type', () => {
    const json = { Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: 'running' }, Tags: [{ Key: 'a', Value: 5 }] }] }] };

    expect(errorOf(() => parseInstances(snapshotFile(SPEC, json))).message).toBe(
      'snap/ec2-describe-instances.json: Reservations[0].Instances[0].Tags[0].Value: expected a string, got 5',
    );
  });

  it('names the expected command when the file holds another output', () => {
    const error = errorOf(() => parseInstances(snapshotFile(SPEC, fixtureJson(SNAPSHOT_FILES.subnets))));

    expect(error.message).toBe(
      'snap/ec2-describe-instances.json: expected the output of `aws ec2 describe-instances --output json` (an object with Reservations), got an object with Subnets',
    );
  });

  it('rejects an empty array and a non-object page', () => {
    expect(errorOf(() => parseInstances(snapshotFile(SPEC, []))).message).toContain('got an empty array');
    expect(errorOf(() => parseInstances(snapshotFile(SPEC, [{ Reservations: [] }, 'x']))).message).toBe(
      'snap/ec2-describe-instances.json: [1]: expected the output of `aws ec2 describe-instances --output json` (an object with Reservations), got "x"',
    );
  });

  it('folds the same problem at several array indices into one', () => {
    const json = { Reservations: [{ Instances: Array.from({ length: 7 }, () => ({ State: { Name: 'running' } })) }] };

    const message = errorOf(() => parseInstances(snapshotFile(SPEC, json))).message;

    expect(message).toBe('snap/ec2-describe-instances.json: Reservations[0].Instances[0].InstanceId: expected a string, but it is missing (and the same at 6 more places)');
  });

  it('lists at most five different problems', () => {
    const fields = ['InstanceId', 'SubnetId', 'VpcId', 'PrivateDnsName', 'PrivateIpAddress', 'Placement', 'SecurityGroups', 'Tags'];
    const instance = Object.fromEntries([['InstanceId', 'i-1'], ['State', { Name: 'running' }], ...fields.slice(1).map((f) => [f, 5])]);
    const json = { Reservations: [{ Instances: [instance, { ...instance, InstanceId: 5 }] }] };

    const message = errorOf(() => parseInstances(snapshotFile(SPEC, json))).message;

    expect(message.split('; ')).toHaveLength(6);
    expect(message).toMatch(/; and \d+ more problems$/);
  });
});
