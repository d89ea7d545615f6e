import * as z from 'zod';
import type { AvailabilityZone } from '../../domain/model/account-view.js';
import { definedOnly, uniqueBy } from './aws-cli-fields.js';
import type { SnapshotFile } from './snapshot-files.js';
import { validatePages } from './validate-snapshot-json.js';

const zoneSchema = z.looseObject({ ZoneName: z.string(), ZoneId: z.string().optional(), ZoneType: z.string().optional() });
const pageSchema = z.looseObject({ AvailabilityZones: z.array(zoneSchema) });

/**
 * Parses the optional `ec2-describe-availability-zones.json` (`aws ec2 describe-availability-zones --output json`): the
 * zone types the provider reads to drop Local and Wavelength zones (docs/provider-rules.md "Zone types").
 *
 * @throws SnapshotError naming the file and JSON path of a wrong shape
 */
export function parseAvailabilityZones(file: SnapshotFile): AvailabilityZone[] {
  const pages = validatePages(pageSchema, file, { pageKeys: ['AvailabilityZones'], requiredKey: 'AvailabilityZones' });
  return uniqueBy(
    pages.flatMap((page) => page.AvailabilityZones),
    (zone) => zone.ZoneName,
  ).map((raw): AvailabilityZone => ({ zoneName: raw.ZoneName, ...definedOnly('zoneId', raw.ZoneId), ...definedOnly('zoneType', raw.ZoneType) }));
}
