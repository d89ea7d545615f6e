import * as z from 'zod';
import type { Instance, InstanceMetadataOptions } from '../../domain/model/account-view.js';
import { awsTagsSchema, definedOnly, optionalIdSchema, uniqueBy } from './aws-cli-fields.js';
import type { SnapshotFile } from './snapshot-files.js';
import { validatePages } from './validate-snapshot-json.js';

/**
 * One instance of `aws ec2 describe-instances`. Terminated instances lack SubnetId, VpcId and often print
 * `PrivateDnsName: ""`; that is normal, not an error.
 */
const instanceSchema = z.looseObject({
  InstanceId: z.string(),
  State: z.looseObject({ Name: z.string() }),
  PrivateDnsName: z.string().optional(),
  PrivateIpAddress: optionalIdSchema,
  Placement: z.looseObject({ AvailabilityZone: z.string().optional() }).optional(),
  SubnetId: optionalIdSchema,
  VpcId: optionalIdSchema,
  SecurityGroups: z.array(z.looseObject({ GroupId: z.string() })).optional(),
  IamInstanceProfile: z.looseObject({ Arn: z.string() }).optional(),
  MetadataOptions: z
    .looseObject({
      HttpEndpoint: z.string().optional(),
      HttpTokens: z.string().optional(),
      HttpPutResponseHopLimit: z.number().int().optional(),
      State: z.string().optional(),
    })
    .optional(),
  Tags: awsTagsSchema,
});

const pageSchema = z.looseObject({
  Reservations: z.array(z.looseObject({ Instances: z.array(instanceSchema) })),
});

/**
 * Parses `ec2-describe-instances.json` into instances in every state (membership decides which states count).
 *
 * @throws SnapshotError naming the file and JSON path of a wrong shape
 */
export function parseInstances(file: SnapshotFile): Instance[] {
  const pages = validatePages(pageSchema, file, { pageKeys: ['Reservations'], requiredKey: 'Reservations' });
  const instances = pages.flatMap((page) => page.Reservations.flatMap((reservation) => reservation.Instances));
  return uniqueBy(instances, (instance) => instance.InstanceId).map(
    (raw): Instance => ({
      instanceId: raw.InstanceId,
      state: raw.State.Name,
      privateDnsName: raw.PrivateDnsName ?? '',
      ...definedOnly('privateIpAddress', raw.PrivateIpAddress),
      ...definedOnly('availabilityZone', raw.Placement?.AvailabilityZone),
      ...definedOnly('subnetId', raw.SubnetId),
      ...definedOnly('vpcId', raw.VpcId),
      securityGroupIds: (raw.SecurityGroups ?? []).map((group) => group.GroupId),
      ...definedOnly('instanceProfileArn', raw.IamInstanceProfile?.Arn),
      ...definedOnly('metadataOptions', metadataOptions(raw.MetadataOptions)),
      tags: raw.Tags,
    }),
  );
}

/** `MetadataOptions` as the view holds it; undefined when DescribeInstances did not print it. */
function metadataOptions(raw: { HttpEndpoint?: string | undefined; HttpTokens?: string | undefined; HttpPutResponseHopLimit?: number | undefined; State?: string | undefined } | undefined): InstanceMetadataOptions | undefined {
  if (raw === undefined) return undefined;
  return {
    ...definedOnly('httpEndpoint', raw.HttpEndpoint),
    ...definedOnly('httpTokens', raw.HttpTokens),
    ...definedOnly('httpPutResponseHopLimit', raw.HttpPutResponseHopLimit),
    ...definedOnly('state', raw.State),
  };
}
