import * as z from 'zod';
import type { Subnet } from '../../domain/model/account-view.js';
import { awsTagsSchema, definedOnly, uniqueBy } from './aws-cli-fields.js';
import type { SnapshotFile } from './snapshot-files.js';
import { validatePages } from './validate-snapshot-json.js';

const subnetSchema = z.looseObject({
  SubnetId: z.string(),
  VpcId: z.string(),
  AvailabilityZone: z.string(),
  CidrBlock: z.string().optional(),
  OutpostArn: z.string().optional(),
  Tags: awsTagsSchema,
});

const pageSchema = z.looseObject({ Subnets: z.array(subnetSchema) });

/**
 * Parses `ec2-describe-subnets.json` (`aws ec2 describe-subnets --output json`).
 *
 * @throws SnapshotError naming the file and JSON path of a wrong shape
 */
export function parseSubnets(file: SnapshotFile): Subnet[] {
  const pages = validatePages(pageSchema, file, { pageKeys: ['Subnets'], requiredKey: 'Subnets' });
  return uniqueBy(
    pages.flatMap((page) => page.Subnets),
    (subnet) => subnet.SubnetId,
  ).map(
    (raw): Subnet => ({
      subnetId: raw.SubnetId,
      vpcId: raw.VpcId,
      availabilityZone: raw.AvailabilityZone,
      ...definedOnly('cidrBlock', raw.CidrBlock),
      ...definedOnly('outpostArn', raw.OutpostArn),
      tags: raw.Tags,
    }),
  );
}
