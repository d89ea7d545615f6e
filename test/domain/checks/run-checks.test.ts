import { describe, expect, it } from '@jest/globals';
import { RESOURCE_TYPES } from '../../../lib/domain/findings/finding.js';
import { evaluateCluster } from '../../../lib/domain/checks/run-checks.js';
import { computeMembership, type ClusterMembership } from '../../../lib/domain/membership.js';
import type { ClusterConfig } from '../../../lib/domain/config/schema.js';
import type { AccountView } from '../../../lib/domain/model/account-view.js';
import { aCluster, aCompliantView, anInstance, DEFAULTS } from '../../support/builders.js';
import { anAnalysis, aRoleInput, decisionsFor } from '../../support/iam.js';

/** The view and cluster with their membership, as lib/domain/cluster-facts.ts computes it once per cluster. */
function withFacts(v: AccountView, cluster: ClusterConfig): { view: AccountView; cluster: ClusterConfig; membership: ClusterMembership } {
  return { view: v, cluster, membership: computeMembership(v, cluster) };
}

/** A compliant cluster whose one instance lacks a private DNS name, plus one untagged worker (tags.instance.missing). */
function view() {
  return aCompliantView(0, {
    instances: [anInstance({ instanceId: 'i-0000000000000dns1', privateDnsName: '' }), anInstance({ instanceId: 'i-00000000000notag1', tags: {} })],
  });
}

const checksOf = (drafts: { check: string; resource: { id: string } }[]) => drafts.map((d) => `${d.check} ${d.resource.id}`).sort();

describe('evaluateCluster', () => {
  it('runs the tag and node families on one membership', () => {
    // Arrange
    const v = view();
    const cluster = aCluster();

    // Act
    const drafts = evaluateCluster({ view: v, cluster, membership: computeMembership(v, cluster), families: ['tags', 'nodes'] });

    // Assert
    expect(checksOf(drafts)).toEqual(['node.private-dns.missing i-0000000000000dns1', 'tags.instance.missing i-00000000000notag1']);
  });

  it('runs only the selected families', () => {
    // Arrange
    const v = view();

    // Act
    const tags = evaluateCluster({ ...withFacts(v, aCluster()), families: ['tags'] });
    const nodes = evaluateCluster({ ...withFacts(v, aCluster()), families: ['nodes'] });
    const none = evaluateCluster({ ...withFacts(v, aCluster()), families: [] });

    // Assert
    expect(checksOf(tags)).toEqual(['tags.instance.missing i-00000000000notag1']);
    expect(checksOf(nodes)).toEqual(['node.private-dns.missing i-0000000000000dns1']);
    expect(none).toEqual([]);
  });

  it('uses the membership it is given instead of computing one', () => {
    // Arrange
    const v = view();
    const cluster = aCluster();
    const membership = { ...computeMembership(v, cluster), instances: [] };

    // Act
    const drafts = evaluateCluster({ view: v, cluster, families: ['nodes'], membership });

    // Assert
    expect(drafts).toEqual([]);
  });

  it('yields one error draft with the reason when iam is selected without an analysis', () => {
    // Act
    const drafts = evaluateCluster({ ...withFacts(view(), aCluster()), families: ['iam'], iamUnavailableReason: 'no IAM decision source' });

    // Assert
    expect(drafts).toEqual([
      {
        check: 'iam.family.unavailable',
        status: 'error',
        resource: { type: RESOURCE_TYPES.account, id: DEFAULTS.account },
        title: 'IAM checks could not run',
        detail: 'IAM checks could not run for cluster prod: no IAM decision source',
        evidence: { family: 'iam', reason: 'no IAM decision source' },
      },
    ]);
  });

  it('runs the IAM checks over the analysis', () => {
    // Arrange
    const worker = aRoleInput('worker');
    worker.decisions = decisionsFor([], worker.requirements.required);
    const iam = anAnalysis([worker]);

    // Act
    const drafts = evaluateCluster({ ...withFacts(view(), aCluster()), families: ['iam'], iam });

    // Assert
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((d) => d.check === 'iam.required.denied' && d.status !== 'error')).toBe(true);
    expect(new Set(drafts.map((d) => d.action))).toEqual(new Set(worker.requirements.required));
  });
});
