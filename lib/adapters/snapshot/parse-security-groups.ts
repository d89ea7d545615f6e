import * as z from 'zod';
import type { SecurityGroup } from '../../domain/model/account-view.js';
import { awsTagsSchema, definedOnly, uniqueBy } from './aws-cli-fields.js';
import type { SnapshotFile } from './snapshot-files.js';
import { validatePages } from './validate-snapshot-json.js';

const securityGroupSchema = z.looseObject({
  GroupId: z.string(),
  GroupName: z.string(),
  VpcId: z.string().optional(),
  Tags: awsTagsSchema,
});

const pageSchema = z.looseObject({ SecurityGroups: z.array(securityGroupSchema) });

/**
 * Parses `ec2-describe-security-groups.json` (`aws ec2 describe-security-groups --output json`).
 *
 * @throws SnapshotError naming the file and JSON path of a wrong shape
 */
export function parseSecurityGroups(file: SnapshotFile): SecurityGroup[] {
  const pages = validatePages(pageSchema, file, { pageKeys: ['SecurityGroups'], requiredKey: 'SecurityGroups' });
  return uniqueBy(
    pages.flatMap((page) => page.SecurityGroups),
    (group) => group.GroupId,
  ).map(
    (raw): SecurityGroup => ({
      groupId: raw.GroupId,
      groupName: raw.GroupName,
      ...definedOnly('vpcId', raw.VpcId),
      tags: raw.Tags,
    }),
  );
}
