import * as z from 'zod';
import type { KubeNode } from '../../domain/model/account-view.js';
import { definedOnly, uniqueBy } from './aws-cli-fields.js';
import type { SnapshotFile } from './snapshot-files.js';
import { validatePages, validateSnapshotJson } from './validate-snapshot-json.js';

/** `kind` of an object when present: catches the output of another `kubectl get` (e.g. pods) saved under this name. */
const kindSchema = (...kinds: [string, ...string[]]) =>
  z
    .enum(kinds, { error: (issue) => `expected ${kinds.map((k) => JSON.stringify(k)).join(' or ')} (the output of \`kubectl get nodes -o json\`), got ${JSON.stringify(issue.input)}` })
    .optional();

const nodeSchema = z.looseObject({
  kind: kindSchema('Node'),
  metadata: z.looseObject({
    name: z.string(),
    labels: z.record(z.string(), z.string()).optional(),
  }),
  spec: z
    .looseObject({
      providerID: z.string().optional(),
      taints: z.array(z.looseObject({ key: z.string(), value: z.string().optional(), effect: z.string() })).optional(),
    })
    .optional(),
  status: z
    .looseObject({
      addresses: z.array(z.looseObject({ type: z.string(), address: z.string() })).optional(),
    })
    .optional(),
});

type RawNode = z.output<typeof nodeSchema>;

const listSchema = z.looseObject({ kind: kindSchema('List', 'NodeList'), items: z.array(nodeSchema) });

/**
 * Parses `kubectl-get-nodes.json`: the `List` printed by `kubectl get nodes -o json` (a `NodeList` from the API
 * works the same), or a single `Node` from `kubectl get node NAME -o json`.
 *
 * @throws SnapshotError naming the file and JSON path of a wrong shape
 */
export function parseNodes(file: SnapshotFile): KubeNode[] {
  const json = file.json;
  const single = typeof json === 'object' && json !== null && !Array.isArray(json) && !('items' in json) && (json as { kind?: unknown }).kind === 'Node';
  const nodes = single
    ? [validateSnapshotJson(nodeSchema, file)]
    : validatePages(listSchema, file, { pageKeys: ['items'], requiredKey: 'items' }).flatMap((list) => list.items);
  return uniqueBy(nodes, (node) => node.metadata.name).map(toKubeNode);
}

function toKubeNode(raw: RawNode): KubeNode {
  const addresses = raw.status?.addresses ?? [];
  const addressesOf = (type: string) => addresses.filter((address) => address.type === type).map((address) => address.address);
  return {
    name: raw.metadata.name,
    ...definedOnly('providerId', raw.spec?.providerID === '' ? undefined : raw.spec?.providerID),
    internalIps: addressesOf('InternalIP'),
    internalDnsNames: addressesOf('InternalDNS'),
    labels: raw.metadata.labels ?? {},
    taints: (raw.spec?.taints ?? []).map((taint) => ({ key: taint.key, ...definedOnly('value', taint.value), effect: taint.effect })),
  };
}
