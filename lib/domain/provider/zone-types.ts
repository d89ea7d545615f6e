import type { AvailabilityZone } from '../model/account-view.js';

/** DescribeAvailabilityZones `ZoneType` values (aws.go:279-281). */
export const ZONE_TYPES = { regular: 'availability-zone', local: 'local-zone', wavelength: 'wavelength-zone' } as const;

/** The type of one zone and where it was read. */
export interface ZoneTypeFact {
  zoneType: string;
  /** `availability-zones`: DescribeAvailabilityZones; `name`: derived from the zone name; `unknown`: neither. */
  source: 'availability-zones' | 'name' | 'unknown';
}

/** A regular zone is named after its region plus one letter (`us-west-2a`, `us-gov-west-1b`). */
const REGULAR_ZONE_NAME = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;

/**
 * The zone type of `zoneName` as the provider's zone cache holds it (zones.go populate, from
 * DescribeAvailabilityZones). Without that data the type follows AWS's naming: `<region><letter>` is an
 * availability zone, a name with `-wlz-` a Wavelength zone, any other name a Local Zone. A zone absent from collected
 * data is `unknown`, which the provider keeps (aws.go:1783 only drops zones it found with another type).
 */
export function zoneTypeOf(zoneName: string, zones: readonly AvailabilityZone[] | undefined): ZoneTypeFact {
  if (zones !== undefined) {
    const zone = zones.find((z) => z.zoneName === zoneName);
    return zone?.zoneType !== undefined ? { zoneType: zone.zoneType, source: 'availability-zones' } : { zoneType: 'unknown', source: 'unknown' };
  }
  if (REGULAR_ZONE_NAME.test(zoneName)) return { zoneType: ZONE_TYPES.regular, source: 'name' };
  return { zoneType: zoneName.includes('-wlz-') ? ZONE_TYPES.wavelength : ZONE_TYPES.local, source: 'name' };
}

/** True when the provider places Classic and Network Load Balancers in the zone (aws.go:1783-1788). */
export function providerUsesZone(fact: ZoneTypeFact): boolean {
  return fact.source === 'unknown' || fact.zoneType === ZONE_TYPES.regular;
}
