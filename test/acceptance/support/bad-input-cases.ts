/**
 * The mutation table of test/acceptance/bad-input.test.ts: each case damages a copy of fixtures/demo (config.yaml
 * and snapshot/) or the command line in one way, and says what the CLI contract requires for it.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A copy of fixtures/demo in a scratch directory. */
export interface CaseDir {
  root: string;
  config: string;
  snapshot: string;
}

/** What the CLI must do with the damaged input. */
export type Expectation =
  /** Exit 2, one stderr line naming every `mentions` entry (file, flag, JSON path or field), nothing on stdout. */
  | { kind: 'input-error'; mentions: string[] }
  /** The damage is harmless (e.g. a byte order mark): same exit code and same findings as the undamaged demo. */
  | { kind: 'tolerated' }
  /**
   * Exit 3 with a report: `resource` gets a `status: error` finding whose detail names every `mentions` entry, and
   * every finding of the undamaged demo about another resource is still there (nothing already found is lost).
   */
  | { kind: 'incomplete'; resource: string; mentions: string[] };

export interface BadInputCase {
  name: string;
  /** Damages the copy. */
  arrange?: (dir: CaseDir) => Promise<void>;
  /** The CLI arguments; default `audit --config <config> --snapshot <snapshot> --format json`. */
  args?: (dir: CaseDir) => string[];
  expect: Expectation;
}

export const inputError = (...mentions: string[]): Expectation => ({ kind: 'input-error', mentions });
export const tolerated: Expectation = { kind: 'tolerated' };
export const incomplete = (resource: string, ...mentions: string[]): Expectation => ({ kind: 'incomplete', resource, mentions });

export const defaultArgs = (dir: CaseDir, ...extra: string[]): string[] => [
  'audit',
  '--config',
  dir.config,
  '--snapshot',
  dir.snapshot,
  '--format',
  'json',
  ...extra,
];

// ---- file helpers ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const snapshotFile = (dir: CaseDir, name: string) => join(dir.snapshot, name);

async function editJson(file: string, edit: (json: Json) => unknown): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8')) as Json;
  const replaced = edit(json);
  await writeFile(file, JSON.stringify(replaced === undefined ? json : replaced, null, 2));
}

async function editText(file: string, edit: (text: string) => string): Promise<void> {
  await writeFile(file, edit(await readFile(file, 'utf8')));
}

/** Replaces the first occurrence of `anchor`; throws when it is absent, so a case can never silently not mutate. */
function replaceOnce(text: string, anchor: string, replacement: string): string {
  const at = text.indexOf(anchor);
  if (at < 0) throw new Error(`mutation anchor not found: ${anchor}`);
  return text.slice(0, at) + replacement + text.slice(at + anchor.length);
}

const editConfig = (anchor: string, replacement: string) => (dir: CaseDir) =>
  editText(dir.config, (text) => replaceOnce(text, anchor, replacement));

// ---- snapshot files ---------------------------------------------------------------------------------------------

const IAM = 'iam-get-account-authorization-details.json';
const INSTANCES = 'ec2-describe-instances.json';
const SUBNETS = 'ec2-describe-subnets.json';
const ROUTE_TABLES = 'ec2-describe-route-tables.json';
const SECURITY_GROUPS = 'ec2-describe-security-groups.json';
const NODES = 'kubectl-get-nodes.json';
const META = 'meta.json';

const SNAPSHOT_FILE_NAMES = [IAM, INSTANCES, SUBNETS, ROUTE_TABLES, SECURITY_GROUPS, NODES, META] as const;
const REQUIRED_FILE_NAMES = [IAM, INSTANCES, SUBNETS, ROUTE_TABLES, SECURITY_GROUPS] as const;

/** The same damage applied to each of the 7 snapshot files. */
function perFileCases(name: string): BadInputCase[] {
  const file = (dir: CaseDir) => snapshotFile(dir, name);
  return [
    { name: `${name}: empty file`, arrange: (dir) => writeFile(file(dir), ''), expect: inputError(name, 'empty') },
    { name: `${name}: null`, arrange: (dir) => writeFile(file(dir), 'null\n'), expect: inputError(name, 'null') },
    { name: `${name}: [] where an object is expected`, arrange: (dir) => writeFile(file(dir), '[]\n'), expect: inputError(name, 'empty array') },
    {
      name: `${name}: truncated JSON`,
      arrange: (dir) => editText(file(dir), (text) => text.slice(0, Math.floor(text.length / 2))),
      expect: inputError(name, 'line ', 'truncated'),
    },
    {
      name: `${name}: UTF-8 byte order mark`,
      arrange: (dir) => editText(file(dir), (text) => `\uFEFF${text}`),
      expect: tolerated,
    },
    {
      name: `${name}: UTF-16LE with BOM (PowerShell 5 redirect)`,
      arrange: async (dir) => writeFile(file(dir), Buffer.from(`\uFEFF${await readFile(file(dir), 'utf8')}`, 'utf16le')),
      expect: tolerated,
    },
    { name: `${name}: a directory instead of the file`, arrange: async (dir) => {
      await rm(file(dir));
      await mkdir(file(dir));
    }, expect: inputError(name, 'EISDIR') },
  ];
}

const ROLE = {
  prodControlPlane: 'arn:aws:iam::123456789012:role/prod-east-control-plane',
  prodWorker: 'arn:aws:iam::123456789012:role/prod-east-worker',
  stagingWorker: 'arn:aws:iam::123456789012:role/kubernetes/staging-worker',
};

const iam = (edit: (json: Json) => unknown) => (dir: CaseDir) => editJson(snapshotFile(dir, IAM), edit);
const instances = (edit: (json: Json) => unknown) => (dir: CaseDir) => editJson(snapshotFile(dir, INSTANCES), edit);
const meta = (edit: (json: Json) => unknown) => (dir: CaseDir) => editJson(snapshotFile(dir, META), edit);
const firstInstance = (json: Json): Json => json.Reservations[0].Instances[0];
const roleNamed = (json: Json, name: string): Json => (json.RoleDetailList as Json[]).find((r) => r.RoleName === name) as Json;
const firstStatement = (document: Json): Json => (Array.isArray(document.Statement) ? document.Statement[0] : document.Statement);

const snapshotShapeCases: BadInputCase[] = [
  // instances: wrong type at a deep path
  {
    name: `${INSTANCES}: SecurityGroups is a string`,
    arrange: instances((json) => void (firstInstance(json).SecurityGroups = 'sg-1')),
    expect: inputError(INSTANCES, 'Reservations[0].Instances[0].SecurityGroups', 'expected an array'),
  },
  {
    name: `${INSTANCES}: Tags is an object, not a list`,
    arrange: instances((json) => void (firstInstance(json).Tags = { Key: 'x' })),
    expect: inputError(INSTANCES, 'Reservations[0].Instances[0].Tags', 'expected an array'),
  },
  {
    name: `${INSTANCES}: State missing`,
    arrange: instances((json) => void delete firstInstance(json).State),
    expect: inputError(INSTANCES, 'Reservations[0].Instances[0].State', 'missing'),
  },
  {
    name: `${INSTANCES}: SubnetId is a number`,
    arrange: instances((json) => void (firstInstance(json).SubnetId = 5)),
    expect: inputError(INSTANCES, 'Reservations[0].Instances[0].SubnetId', 'expected a string'),
  },
  {
    name: `${INSTANCES}: Reservations is an object`,
    arrange: instances((json) => void (json.Reservations = { Instances: [] })),
    expect: inputError(INSTANCES, 'Reservations', 'expected an array'),
  },
  {
    name: `${SUBNETS}: SubnetId is null`,
    arrange: (dir) => editJson(snapshotFile(dir, SUBNETS), (json) => void (json.Subnets[1].SubnetId = null)),
    expect: inputError(SUBNETS, 'Subnets[1].SubnetId', 'null'),
  },
  {
    name: `${ROUTE_TABLES}: Associations is a string`,
    arrange: (dir) => editJson(snapshotFile(dir, ROUTE_TABLES), (json) => void (json.RouteTables[0].Associations = 'rtbassoc-1')),
    expect: inputError(ROUTE_TABLES, 'RouteTables[0].Associations'),
  },
  {
    name: `${SECURITY_GROUPS}: GroupId missing`,
    arrange: (dir) => editJson(snapshotFile(dir, SECURITY_GROUPS), (json) => void delete json.SecurityGroups[2].GroupId),
    expect: inputError(SECURITY_GROUPS, 'SecurityGroups[2].GroupId', 'missing'),
  },
  {
    name: `${NODES}: metadata.name is a number`,
    arrange: (dir) => editJson(snapshotFile(dir, NODES), (json) => void (json.items[0].metadata.name = 5)),
    expect: inputError(NODES, 'items[0].metadata.name', 'expected a string'),
  },
  {
    name: `${NODES}: the output of kubectl get pods (a List of Pods)`,
    arrange: (dir) =>
      editJson(snapshotFile(dir, NODES), (json) => {
        for (const item of json.items as Json[]) item.kind = 'Pod';
      }),
    expect: inputError(NODES, 'items[0].kind', 'Pod'),
  },
  {
    name: `${NODES}: a single Pod object`,
    arrange: (dir) => writeFile(snapshotFile(dir, NODES), JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1' }, spec: {} })),
    expect: inputError(NODES, 'kubectl get nodes'),
  },
  {
    name: `${NODES}: YAML (kubectl get nodes -o yaml) saved as .json`,
    arrange: (dir) => writeFile(snapshotFile(dir, NODES), 'apiVersion: v1\nitems:\n- kind: Node\n'),
    expect: inputError(NODES, 'line 1', 'invalid JSON'),
  },
  {
    name: `${IAM}: RolePolicyList is an object`,
    arrange: iam((json) => void (roleNamed(json, 'prod-east-worker').RolePolicyList = {})),
    expect: inputError(IAM, 'RoleDetailList[1].RolePolicyList', 'expected an array'),
  },
  {
    // Issue 9: detected from the NUL pattern of the first octets (RFC 4627 section 3), not a JSON error any more.
    name: `${IAM}: UTF-16LE without a byte order mark`,
    arrange: async (dir) => writeFile(snapshotFile(dir, IAM), Buffer.from(await readFile(snapshotFile(dir, IAM), 'utf8'), 'utf16le')),
    expect: tolerated,
  },
  {
    name: `${IAM}: NUL bytes in UTF-8 text`,
    arrange: (dir) => editText(snapshotFile(dir, IAM), (text) => text.replace('{', '{\u0000')),
    expect: inputError(IAM, 'NUL bytes'),
  },
  {
    name: `${IAM}: the output of describe-instances (swapped files)`,
    arrange: async (dir) => writeFile(snapshotFile(dir, IAM), await readFile(snapshotFile(dir, INSTANCES))),
    expect: inputError(IAM, 'aws iam get-account-authorization-details', 'Reservations'),
  },
];

const policyDocumentCases: BadInputCase[] = [
  {
    name: 'policy document: URL-encoded string of invalid JSON (inline policy of a configured role)',
    arrange: iam((json) => {
      const policy = roleNamed(json, 'staging-worker').RolePolicyList[0];
      policy.PolicyDocument = encodeURIComponent('{"Version":"2012-10-17","Statement":[{"Effect":"Allow",');
    }),
    expect: inputError(IAM, 'RoleDetailList[4].RolePolicyList[0].PolicyDocument', 'not valid JSON after URL-decoding'),
  },
  {
    // The file is corrupt (the AWS CLI never writes this), so it is rejected even where no cluster uses the role.
    name: 'policy document: URL-encoded string of invalid JSON (role no cluster uses)',
    arrange: iam((json) => void (roleNamed(json, 'bastion').RolePolicyList[0].PolicyDocument = '%7B%22Statement%22%3A%5B')),
    expect: inputError(IAM, 'RoleDetailList[6].RolePolicyList[0].PolicyDocument', 'not valid JSON after URL-decoding'),
  },
  {
    name: 'policy document: Statement missing (inline policy)',
    arrange: iam((json) => void delete roleNamed(json, 'prod-east-control-plane').RolePolicyList[0].PolicyDocument.Statement),
    expect: inputError(IAM, 'RoleDetailList[0].RolePolicyList[0].PolicyDocument', 'Statement: missing'),
  },
  {
    name: 'policy document: default version of a managed policy is not JSON',
    arrange: iam((json) => {
      const policy = (json.Policies as Json[]).find((p) => p.PolicyName === 'prod-east-cloud-provider') as Json;
      const version = (policy.PolicyVersionList as Json[]).find((v) => v.IsDefaultVersion === true) as Json;
      version.Document = '%7B%22Version%22';
    }),
    expect: inputError(IAM, 'Policies[2].PolicyVersionList', 'Document', 'not valid JSON'),
  },
  {
    name: 'policy document: Effect "allow" in lower case (configured role)',
    arrange: iam((json) => void (firstStatement(roleNamed(json, 'prod-east-worker').RolePolicyList[0].PolicyDocument).Effect = 'allow')),
    expect: incomplete(ROLE.prodWorker, 'node-describe', 'Statement[0].Effect', '"allow"'),
  },
  {
    name: 'policy document: unknown condition operator (configured role)',
    arrange: iam((json) => {
      const statement = firstStatement(roleNamed(json, 'prod-east-worker').RolePolicyList[0].PolicyDocument);
      statement.Condition = { StringEqual: { 'aws:RequestedRegion': 'us-west-1' } };
    }),
    expect: incomplete(ROLE.prodWorker, 'node-describe', 'StringEqual'),
  },
  {
    name: 'policy document: Principal in an identity policy (configured role)',
    arrange: iam((json) => void (firstStatement(roleNamed(json, 'prod-east-worker').RolePolicyList[0].PolicyDocument).Principal = '*')),
    expect: incomplete(ROLE.prodWorker, 'node-describe', 'Principal'),
  },
  {
    name: 'policy document: Effect "allow" in a role no cluster uses',
    arrange: iam((json) => void (firstStatement(roleNamed(json, 'bastion').RolePolicyList[0].PolicyDocument).Effect = 'allow')),
    expect: tolerated,
  },
];

const fileLevelCases: BadInputCase[] = [
  ...REQUIRED_FILE_NAMES.map(
    (name): BadInputCase => ({ name: `missing required file ${name}`, arrange: (dir) => rm(snapshotFile(dir, name)), expect: inputError(name, 'missing required file') }),
  ),
  { name: `${META}: region is not a region`, arrange: meta((json) => void (json.region = 'us-west')), expect: inputError(META, 'region', 'expected an AWS region') },
  { name: `${META}: account has 11 digits`, arrange: meta((json) => void (json.account = '12345678901')), expect: inputError(META, 'account', '12-digit') },
  {
    name: `${META}: region contradicts the instances and subnets`,
    arrange: meta((json) => void (json.region = 'eu-west-1')),
    expect: inputError(META, 'region', 'eu-west-1', 'us-west-1'),
  },
  {
    name: `${META}: account contradicts the role ARNs`,
    arrange: meta((json) => void (json.account = '210987654321')),
    expect: inputError(META, 'account', '210987654321', '123456789012'),
  },
  { name: `${META}: nodesCluster is a number`, arrange: meta((json) => void (json.nodesCluster = 1)), expect: inputError(META, 'nodesCluster') },
];

// ---- config ----------------------------------------------------------------------------------------------------

const configCases: BadInputCase[] = [
  { name: 'config: unknown top-level key', arrange: editConfig('alerts:', 'alert:'), expect: inputError('config.yaml', 'alert', 'did you mean', 'alerts') },
  {
    name: 'config: unknown cluster key',
    arrange: editConfig('cloudRoutes: true', 'cloudRoute: true'),
    expect: inputError('config.yaml', 'clusters[0].cloudRoute', 'did you mean', 'cloudRoutes'),
  },
  {
    name: 'config: unknown key under roles',
    arrange: editConfig('controlPlane: arn:aws:iam::123456789012:role/prod-east', 'controlPlan: arn:aws:iam::123456789012:role/prod-east'),
    expect: inputError('config.yaml', 'clusters[0].roles.controlPlan', 'did you mean', 'controlPlane'),
  },
  {
    name: 'config: unknown key in a suppression',
    arrange: editConfig('reason: monitoring', 'reasons: monitoring'),
    expect: inputError('config.yaml', 'clusters[0].suppressions[0].reasons', 'did you mean', 'reason'),
  },
  {
    name: 'config: unknown key under alerts',
    arrange: editConfig('minSeverity: medium', 'minSeverty: medium'),
    expect: inputError('config.yaml', 'alerts.minSeverty', 'did you mean', 'minSeverity'),
  },
  { name: 'config: cloudRoutes is a string', arrange: editConfig('cloudRoutes: true', 'cloudRoutes: "yes"'), expect: inputError('config.yaml', 'clusters[0].cloudRoutes') },
  { name: 'config: preset typo', arrange: editConfig('preset: in-tree', 'preset: intree'), expect: inputError('config.yaml', 'clusters[1].preset', 'in-tree') },
  { name: 'config: malformed region', arrange: editConfig('region: us-west-1', 'region: us-west1'), expect: inputError('config.yaml', 'clusters[0].region', 'us-west-1') },
  {
    name: 'config: region typo that looks like a region',
    arrange: editConfig('region: us-west-1', 'region: us-wset-1'),
    // The regex cannot tell a typo from a region AWS launches later; the snapshot's own region catches it.
    expect: inputError('snapshot', 'cluster prod-east', 'region us-west-1', 'configured in us-wset-1'),
  },
  { name: 'config: account with 11 digits', arrange: editConfig('account: "123456789012"', 'account: "12345678901"'), expect: inputError('config.yaml', 'clusters[0].account', '12-digit') },
  {
    name: 'config: account differs from the snapshot',
    arrange: editConfig('account: "123456789012"', 'account: "210987654321"'),
    expect: inputError('snapshot', 'prod-east', '210987654321', '123456789012'),
  },
  {
    name: 'config: role ARN of a user',
    arrange: editConfig('worker: arn:aws:iam::123456789012:role/prod-east-worker', 'worker: arn:aws:iam::123456789012:user/prod-east-worker'),
    expect: inputError('config.yaml', 'clusters[0].roles.worker', 'role ARN'),
  },
  { name: 'config: duplicate cluster', arrange: editConfig('name: staging', 'name: prod-east'), expect: inputError('config.yaml', 'clusters[1].name', 'duplicate') },
  {
    name: 'config: suppression expires on an impossible date',
    arrange: editConfig('expires: 2026-10-31', 'expires: 2026-13-45'),
    expect: inputError('config.yaml', 'clusters[0].suppressions[0].expires', '2026-13-45'),
  },
  {
    name: 'config: suppression expires is not a date',
    arrange: editConfig('expires: 2026-10-31', 'expires: end of october'),
    expect: inputError('config.yaml', 'clusters[0].suppressions[0].expires', 'YYYY-MM-DD'),
  },
  { name: 'config: empty clusters list', arrange: (dir) => writeFile(dir.config, 'clusters: []\n'), expect: inputError('config.yaml', 'clusters', 'at least one') },
  {
    name: 'config: YAML indented with a tab',
    arrange: editConfig('\n    region: us-west-1', '\n\tregion: us-west-1'),
    expect: inputError('config.yaml', 'line 6', 'YAML'),
  },
  {
    name: 'config: JSON with a trailing comma',
    arrange: (dir) =>
      writeFile(
        join(dir.root, 'config.json'),
        '{"clusters": [{"name": "prod-east", "region": "us-west-1", "roles": {"worker": "arn:aws:iam::123456789012:role/prod-east-worker"}},]}\n',
      ),
    args: (dir) => ['audit', '--config', join(dir.root, 'config.json'), '--snapshot', dir.snapshot, '--format', 'json'],
    expect: inputError('config.json', 'line 1', 'column'),
  },
  {
    name: 'config: a YAML list instead of a mapping',
    arrange: (dir) => writeFile(dir.config, '- name: prod-east\n  region: us-west-1\n'),
    expect: inputError('config.yaml', 'expected a mapping', 'clusters'),
  },
  { name: 'config: empty file', arrange: (dir) => writeFile(dir.config, ''), expect: inputError('config.yaml', 'empty') },
  { name: 'config: file does not exist', arrange: (dir) => rm(dir.config), expect: inputError('config.yaml', 'not found') },
  {
    name: 'config: a directory',
    args: (dir) => ['audit', '--config', dir.snapshot, '--snapshot', dir.snapshot, '--format', 'json'],
    expect: inputError('snapshot', 'directory'),
  },
];

// ---- command line ----------------------------------------------------------------------------------------------

const flagCases: BadInputCase[] = [
  { name: 'flag: --checks ""', args: (dir) => defaultArgs(dir, '--checks', ''), expect: inputError('--checks', 'iam, tags, nodes') },
  { name: 'flag: --checks with an unknown family', args: (dir) => defaultArgs(dir, '--checks', 'iam,network'), expect: inputError('--checks', 'iam, tags, nodes') },
  { name: 'flag: --cluster that is not configured', args: (dir) => defaultArgs(dir, '--cluster', 'prod-eats'), expect: inputError('--cluster', 'prod-eats', 'prod-east') },
  { name: 'flag: --fail-on CRITICAL (upper case)', args: (dir) => defaultArgs(dir, '--fail-on', 'CRITICAL'), expect: inputError('--fail-on', 'CRITICAL', 'critical') },
  {
    name: 'flag: --output into a missing directory',
    args: (dir) => defaultArgs(dir, '--output', join(dir.root, 'no-such-dir', 'report.json')),
    expect: inputError('--output', 'no-such-dir'),
  },
  { name: 'flag: --output is a directory', args: (dir) => defaultArgs(dir, '--output', dir.snapshot), expect: inputError('--output', 'is a directory') },
  {
    name: 'flag: --snapshot pointing at a file',
    args: (dir) => ['audit', '--config', dir.config, '--snapshot', snapshotFile(dir, IAM), '--format', 'json'],
    expect: inputError(IAM, 'not a directory'),
  },
  {
    name: 'flag: --snapshot that does not exist',
    args: (dir) => ['audit', '--config', dir.config, '--snapshot', join(dir.root, 'nope'), '--format', 'json'],
    expect: inputError('nope', 'does not exist'),
  },
  { name: 'flag: --deadline with --snapshot', args: (dir) => defaultArgs(dir, '--deadline', '5m'), expect: inputError('--deadline', '--live') },
  { name: 'flag: --deadline that is not a time', args: (dir) => defaultArgs(dir, '--deadline', 'soon'), expect: inputError('--deadline', 'soon') },
  { name: 'flag: --snapshot and --live together', args: (dir) => defaultArgs(dir, '--live'), expect: inputError('--snapshot', '--live') },
  { name: 'flag: neither --snapshot nor --live', args: (dir) => ['audit', '--config', dir.config, '--format', 'json'], expect: inputError('--snapshot', '--live') },
  { name: 'flag: --config missing', args: (dir) => ['audit', '--snapshot', dir.snapshot], expect: inputError('--config') },
];

/** Every case, in table order. */
export const BAD_INPUT_CASES: readonly BadInputCase[] = [
  ...SNAPSHOT_FILE_NAMES.flatMap(perFileCases),
  ...snapshotShapeCases,
  ...policyDocumentCases,
  ...fileLevelCases,
  ...configCases,
  ...flagCases,
];
