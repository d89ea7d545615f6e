import * as z from 'zod';
import type { Instance, InstanceMetadataOptions } from '../../domain/model/account-view.js';
import { awsTagsSchema, definedOnly, optionalIdSchema, uniqueBy } from './aws-cli-fields.js';
import type { SnapshotFile } from './snapshot-files.js';
import { validatePages } from './validate-snapshot-json.js';

/**
 * One instance of `aws ec2 describe-instances`. Terminated instances lack SubnetId, VpcId and often print
 * `PrivateDnsName: ""`; that is normal, not an error.
 *
 * Unknown fields are accepted and left out of the parsed copy (`z.object` strips; the other snapshot schemas are
 * loose): an instance prints ~8 KB of fields the view does not use, and a loose copy of 10,000 of them would double
 * the memory of the read (BENCHMARKS.md "Memory").
 */
const instanceSchema = z.object({
  InstanceId: z.string(),
  State: z.object({ Name: z.string() }),
  PrivateDnsName: z.string().optional(),
  PrivateIpAddress: optionalIdSchema,
  Placement: z.object({ AvailabilityZone: z.string().optional() }).optional(),
  SubnetId: optionalIdSchema,
  VpcId: optionalIdSchema,
  SecurityGroups: z.array(z.object({ GroupId: z.string() })).optional(),
  IamInstanceProfile: z.object({ Arn: z.string() }).optional(),
  MetadataOptions: z
    .object({
      HttpEndpoint: z.string().optional(),
      HttpTokens: z.string().optional(),
      HttpPutResponseHopLimit: z.number().int().optional(),
      State: z.string().optional(),
    })
    .optional(),
  Tags: awsTagsSchema,
});

/** One reservation (what `streamInstances` validates at a time). */
export const reservationSchema = z.object({ Instances: z.array(instanceSchema) });

const pageSchema = z.object({
  Reservations: z.array(reservationSchema),
});

/** An instance as the view holds it. */
export function toInstance(raw: z.output<typeof instanceSchema>): Instance {
  return {
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
  };
}

/**
 * Parses `ec2-describe-instances.json` into instances in every state (membership decides which states count).
 *
 * @throws SnapshotError naming the file and JSON path of a wrong shape
 */
export function parseInstances(file: SnapshotFile): Instance[] {
  const pages = validatePages(pageSchema, file, { pageKeys: ['Reservations'], requiredKey: 'Reservations' });
  const instances = pages.flatMap((page) => page.Reservations.flatMap((reservation) => reservation.Instances));
  return uniqueBy(instances, (instance) => instance.InstanceId).map(toInstance);
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
