import { describe, expect, it } from '@jest/globals';
import { parseAuthorizationDetails } from '../../../lib/adapters/snapshot/parse-authorization-details.js';
import { SNAPSHOT_FILES } from '../../../lib/adapters/snapshot/snapshot-files.js';
import { basicFile, fixtureJson, snapshotErrorOf, snapshotFile } from './snapshot-fixture.js';

const SPEC = SNAPSHOT_FILES.authorizationDetails;

interface RawDetails {
  RoleDetailList: Record<string, unknown>[];
  Policies: { PolicyVersionList: { Document: unknown }[] }[];
  [key: string]: unknown;
}

const raw = () => fixtureJson<RawDetails>(SPEC);

/** The fixture as the IAM API returns it: every policy document URL-encoded. */
function urlEncoded(details: RawDetails): RawDetails {
  const encode = (document: unknown) => encodeURIComponent(JSON.stringify(document));
  for (const role of details.RoleDetailList) {
    role.AssumeRolePolicyDocument = encode(role.AssumeRolePolicyDocument);
    for (const inline of role.RolePolicyList as { PolicyDocument: unknown }[]) inline.PolicyDocument = encode(inline.PolicyDocument);
  }
  for (const policy of details.Policies) for (const version of policy.PolicyVersionList) version.Document = encode(version.Document);
  return details;
}

describe('parseAuthorizationDetails', () => {
  it('maps roles with trust policy, inline and attached policies, boundary, profiles and tags', () => {
    const { roles } = parseAuthorizationDetails(basicFile(SPEC));

    expect(roles.map((role) => role.name)).toEqual(['k8s-control-plane', 'k8s-worker', 'AWSServiceRoleForAutoScaling']);
    expect(roles[1]).toStrictEqual({
      arn: 'arn:aws:iam::123456789012:role/k8s-worker',
      name: 'k8s-worker',
      path: '/',
      roleId: 'AROAEXAMPLEWORKER001',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      inlinePolicies: [
        { name: 'describe', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' } } },
      ],
      attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess', name: 'AmazonEC2ReadOnlyAccess' }],
      permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/k8s-boundary',
      instanceProfiles: [{ arn: 'arn:aws:iam::123456789012:instance-profile/k8s-worker', name: 'k8s-worker' }],
      tags: {},
    });
  });

  it('gives {} for missing and for empty Tags, a record otherwise', () => {
    const { roles } = parseAuthorizationDetails(basicFile(SPEC));

    expect(roles.map((role) => role.tags)).toEqual([{ team: 'platform' }, {}, {}]);
  });

  it("uses each managed policy's default version, not the first one", () => {
    const { managedPolicies } = parseAuthorizationDetails(basicFile(SPEC));

    expect(managedPolicies[0]).toStrictEqual({
      arn: 'arn:aws:iam::123456789012:policy/k8s-control-plane-extra',
      name: 'k8s-control-plane-extra',
      defaultVersionId: 'v2',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'elasticloadbalancing:*', Resource: '*' }] },
    });
    expect(managedPolicies).toHaveLength(4);
  });

  it('finds the default version by DefaultVersionId when no version is flagged', () => {
    const details = raw();
    const versions = details.Policies[0]?.PolicyVersionList as Record<string, unknown>[];
    for (const version of versions) delete version.IsDefaultVersion;

    const { managedPolicies } = parseAuthorizationDetails(snapshotFile(SPEC, details));

    expect(managedPolicies[0]?.document.Statement).toEqual([{ Effect: 'Allow', Action: 'elasticloadbalancing:*', Resource: '*' }]);
  });

  it('decodes URL-encoded documents (IAM API shape) to the same view as the CLI shape', () => {
    const decoded = parseAuthorizationDetails(basicFile(SPEC));

    const encoded = parseAuthorizationDetails(snapshotFile(SPEC, urlEncoded(raw())));

    expect(encoded).toStrictEqual(decoded);
  });

  it('builds instance profiles from the roles, deduplicated by ARN', () => {
    const details = raw();
    const worker = details.RoleDetailList[1] as { InstanceProfileList: { Roles: { Arn: string }[] }[] };
    const sharedProfile = structuredClone(worker.InstanceProfileList[0]);
    (details.RoleDetailList[0] as { InstanceProfileList: unknown[] }).InstanceProfileList.push(sharedProfile);

    const { instanceProfiles } = parseAuthorizationDetails(snapshotFile(SPEC, details));

    expect(instanceProfiles).toStrictEqual([
      {
        arn: 'arn:aws:iam::123456789012:instance-profile/k8s-control-plane',
        name: 'k8s-control-plane',
        roleArns: ['arn:aws:iam::123456789012:role/k8s-control-plane'],
      },
      {
        arn: 'arn:aws:iam::123456789012:instance-profile/k8s-worker',
        name: 'k8s-worker',
        roleArns: ['arn:aws:iam::123456789012:role/k8s-worker'],
      },
    ]);
  });

  it('merges a JSON array of pages, ignoring IsTruncated and Marker', () => {
    const details = raw();
    const pages = [
      { RoleDetailList: details.RoleDetailList.slice(0, 2), Policies: details.Policies.slice(0, 1), IsTruncated: true, Marker: 'AAA' },
      { RoleDetailList: details.RoleDetailList.slice(2), Policies: details.Policies.slice(1), IsTruncated: false },
    ];

    expect(parseAuthorizationDetails(snapshotFile(SPEC, pages))).toStrictEqual(parseAuthorizationDetails(basicFile(SPEC)));
  });

  it('reports no gaps when every attached policy and boundary is in Policies', () => {
    expect(parseAuthorizationDetails(basicFile(SPEC)).gaps).toEqual([]);
  });

  it('records a gap for each managed policy a role uses that is not in Policies', () => {
    const details = raw();
    details.Policies = [];

    const { gaps, managedPolicies } = parseAuthorizationDetails(snapshotFile(SPEC, details));

    expect(managedPolicies).toEqual([]);
    expect(gaps.map((gap) => gap.resourceId)).toEqual([
      'arn:aws:iam::123456789012:policy/k8s-control-plane-extra',
      'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess',
      'arn:aws:iam::123456789012:policy/k8s-boundary',
      'arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy',
    ]);
    expect(gaps[2]).toMatchObject({ kind: 'managedPolicies', source: 'iam-get-account-authorization-details.json' });
    expect(gaps[2]?.reason).toContain('permissions boundary of role k8s-worker');
  });

  it('names the file and JSON path of an unusable inline policy document', () => {
    const details = raw();
    (details.RoleDetailList[1] as { RolePolicyList: { PolicyDocument: unknown }[] }).RolePolicyList[0] = {
      PolicyName: 'broken',
      PolicyDocument: '%7B%22Statement%22%3A',
    } as never;

    const error = snapshotErrorOf(() => parseAuthorizationDetails(snapshotFile(SPEC, details)));

    expect(error.message).toMatch(
      /^snap\/iam-get-account-authorization-details\.json: RoleDetailList\[1\]\.RolePolicyList\[0\]\.PolicyDocument: not valid JSON after URL-decoding/,
    );
    expect(error.path).toBe('RoleDetailList[1].RolePolicyList[0].PolicyDocument');
  });

  it('names the path of a default version document without Statement, inside a page', () => {
    const details = raw();
    (details.Policies[1]?.PolicyVersionList[0] as { Document: unknown }).Document = { Version: '2012-10-17' };

    const error = snapshotErrorOf(() => parseAuthorizationDetails(snapshotFile(SPEC, [details])));

    expect(error.message).toBe(
      'snap/iam-get-account-authorization-details.json: [0].Policies[1].PolicyVersionList[0].Document: Statement: missing (a policy document needs a Statement)',
    );
  });

  it('rejects a managed policy without a default version', () => {
    const details = raw();
    const policy = details.Policies[0] as unknown as { DefaultVersionId: string; PolicyVersionList: Record<string, unknown>[] };
    policy.DefaultVersionId = 'v9';
    for (const version of policy.PolicyVersionList) version.IsDefaultVersion = false;

    expect(snapshotErrorOf(() => parseAuthorizationDetails(snapshotFile(SPEC, details))).message).toBe(
      'snap/iam-get-account-authorization-details.json: Policies[0].PolicyVersionList: no default version (version v9 is not in the list)',
    );
  });

  it('rejects a file captured without roles', () => {
    const error = snapshotErrorOf(() => parseAuthorizationDetails(snapshotFile(SPEC, { Policies: [] })));

    expect(error.message).toBe(
      'snap/iam-get-account-authorization-details.json: RoleDetailList: missing; expected the output of `aws iam get-account-authorization-details --output json` (an object with RoleDetailList)',
    );
  });

  it('names the path of a role without a name', () => {
    const details = raw();
    delete details.RoleDetailList[2]?.RoleName;

    expect(snapshotErrorOf(() => parseAuthorizationDetails(snapshotFile(SPEC, details))).message).toBe(
      'snap/iam-get-account-authorization-details.json: RoleDetailList[2].RoleName: expected a string, but it is missing',
    );
  });
});

describe('parseAuthorizationDetails: instance profiles without their Roles (issue 8)', () => {
  it('a profile listed in a role\'s InstanceProfileList holds that role when its own Roles list is empty or absent', () => {
    const details = raw();
    const [cp, worker] = details.RoleDetailList as { InstanceProfileList: { Roles?: unknown[] }[] }[];
    cp!.InstanceProfileList[0]!.Roles = [];
    delete worker!.InstanceProfileList[0]!.Roles;

    const { instanceProfiles } = parseAuthorizationDetails(snapshotFile(SPEC, details));

    expect(instanceProfiles.map((p) => [p.name, p.roleArns])).toEqual([
      ['k8s-control-plane', ['arn:aws:iam::123456789012:role/k8s-control-plane']],
      ['k8s-worker', ['arn:aws:iam::123456789012:role/k8s-worker']],
    ]);
  });
});
