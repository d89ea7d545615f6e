import { describe, expect, it } from '@jest/globals';
import { clusterAccount, clusterFacts, findRole, resolveRoles } from '../../lib/domain/cluster-facts.js';
import { computeMembership } from '../../lib/domain/membership.js';
import { aCluster, aCompliantView, aGap, aNodeFor, aRole, aView, DEFAULTS } from '../support/builders.js';

describe('clusterAccount (the one account rule)', () => {
  it('takes the configured account, else the collected one, else nothing', () => {
    expect(clusterAccount({ account: '111111111111' }, { account: '222222222222' })).toBe('111111111111');
    expect(clusterAccount({}, { account: '222222222222' })).toBe('222222222222');
    expect(clusterAccount({}, {})).toBeUndefined();
  });
});

describe('clusterFacts', () => {
  it('computes the membership once, as computeMembership does, and resolves both configured roles', () => {
    const view = aCompliantView(2, { roles: [aRole({ name: 'k8s-worker' }), aRole({ name: 'k8s-control-plane' })] });
    const cluster = aCluster();

    const facts = clusterFacts(view, cluster);

    expect(facts.membership).toEqual(computeMembership(view, cluster));
    expect(facts.account).toBe(DEFAULTS.account);
    expect(facts.roles.map((r) => [r.keys, r.role?.name])).toEqual([
      [['controlPlane'], 'k8s-control-plane'],
      [['worker'], 'k8s-worker'],
    ]);
    expect(facts.notes).toEqual([]);
  });

  it('notes account and region differences between the config and the collected data', () => {
    const facts = clusterFacts(aView({ account: '222222222222', region: 'eu-west-1' }), aCluster({ account: '111111111111' }));

    expect(facts.account).toBe('111111111111');
    expect(facts.notes).toEqual([
      'the collected data is of account 222222222222, the config says 111111111111',
      'the collected data is of region eu-west-1, the config says us-west-1',
    ]);
  });

  it('notes a cluster without members only when resources are examined and instances were collected', () => {
    expect(clusterFacts(aView(), aCluster(), { examinesResources: true }).notes).toEqual([expect.stringContaining('no instance of cluster prod was found')]);
    expect(clusterFacts(aView(), aCluster(), { examinesResources: false }).notes).toEqual([]);
    expect(clusterFacts(aView({ gaps: [aGap('instances')] }), aCluster(), { examinesResources: true }).notes).toEqual([]);
  });

  it('keeps a shared node list that maps to the cluster, drops one that does not (with a note)', () => {
    const view = aCompliantView(2);
    const nodes = view.instances.map((i) => aNodeFor(i));
    const shared = { ...view, nodes, sharedNodes: { configuredClusters: ['prod', 'staging'] } };

    const own = clusterFacts(shared, aCluster());
    const other = clusterFacts(shared, aCluster({ name: 'staging', roles: { worker: 'arn:aws:iam::123456789012:role/staging-worker' } }));

    expect(own.view.nodes).toEqual(nodes);
    expect(own.view.sharedNodes).toBeUndefined();
    expect(other.view.nodes).toBeUndefined();
    expect(other.notes).toEqual([expect.stringContaining('kubectl-get-nodes.json was not used for cluster staging (only 0 of 2 node(s) map to its instances)')]);
  });

  it('leaves a node list that is the cluster\'s own untouched', () => {
    const view = aCompliantView(1);
    const nodes = view.instances.map((i) => aNodeFor(i));

    expect(clusterFacts({ ...view, nodes }, aCluster({ name: 'other' })).view.nodes).toEqual(nodes);
  });
});

describe('resolveRoles', () => {
  it('gives one entry to a role named by both keys, also when the ARNs differ only in path or case', () => {
    const role = aRole({ name: 'k8s-node', path: '/kubernetes/' });
    const cluster = aCluster({ roles: { controlPlane: `arn:aws:iam::${DEFAULTS.account}:role/k8s-node`, worker: `arn:aws:iam::${DEFAULTS.account}:role/kubernetes/K8S-node` } });

    const roles = resolveRoles(aView({ roles: [role] }), cluster);

    expect(roles.map((r) => [r.keys, r.role])).toEqual([[['controlPlane', 'worker'], role]]);
  });

  it('says why a role is missing when a gap hides it', () => {
    const roles = resolveRoles(aView({ roles: [], gaps: [aGap('roles', { reason: 'AccessDenied', source: 'iam get-account-authorization-details' })] }), aCluster({ roles: { worker: DEFAULTS.workerRoleArn } }));

    expect(roles).toEqual([expect.objectContaining({ keys: ['worker'], unavailable: 'AccessDenied (iam get-account-authorization-details)' })]);
    expect(roles[0]?.role).toBeUndefined();
  });
});

describe('findRole', () => {
  it('matches the ARN exactly, then ignoring case, then by name in the same account (ARN without path)', () => {
    // Arrange
    const pathed = aRole({ name: 'k8s-node', path: '/kubernetes/' });
    const view = aView({ roles: [aRole({ name: 'Exact' }), pathed] });

    // Assert
    expect(findRole(view, `arn:aws:iam::${DEFAULTS.account}:role/Exact`)?.name).toBe('Exact');
    expect(findRole(view, `arn:aws:iam::${DEFAULTS.account}:role/exact`)?.name).toBe('Exact');
    expect(findRole(view, `arn:aws:iam::${DEFAULTS.account}:role/k8s-node`)).toBe(pathed);
    expect(findRole(view, 'arn:aws:iam::999999999999:role/k8s-node')).toBeUndefined();
  });
});

