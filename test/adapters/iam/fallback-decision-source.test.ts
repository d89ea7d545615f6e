import type { ActionDecision } from '../../../lib/domain/policy/decisions.js';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { IAMClient, SimulatePrincipalPolicyCommand, type ManagedPolicyDetail, type RoleDetail, type SimulatePrincipalPolicyCommandInput } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCallError } from '../../../lib/adapters/aws/errors.js';
import { FallbackDecisionSource, simulationUnavailableReason } from '../../../lib/adapters/iam/fallback-decision-source.js';
import { SimulationDecisionSource } from '../../../lib/adapters/iam/simulation-decision-source.js';
import { managedPolicyFromDetail, roleFromDetail } from '../../../lib/adapters/iam/to-view.js';
import { emptyAccountView } from '../../../lib/domain/model/account-view.js';
import { LocalPolicyDecisionSource } from '../../../lib/domain/policy/local-decision-source.js';
import { testContext } from '../aws/support/contexts.js';
import { awsError, recorded } from '../aws/support/recorded.js';
import { iamClient, WORKER } from './support/mock-iam.js';

const iam = mockClient(IAMClient);
const gaad1 = recorded<{ RoleDetailList: RoleDetail[]; Policies: ManagedPolicyDetail[] }>('iam.GetAccountAuthorizationDetails_1');
const gaad2 = recorded<{ RoleDetailList: RoleDetail[]; Policies: ManagedPolicyDetail[] }>('iam.GetAccountAuthorizationDetails_2');
const worker = roleFromDetail(gaad2.RoleDetailList[0] as RoleDetail);
const controlPlane = roleFromDetail(gaad1.RoleDetailList[0] as RoleDetail);
const view = emptyAccountView({ roles: [worker, controlPlane], managedPolicies: [...gaad1.Policies, ...gaad2.Policies].map(managedPolicyFromDetail) });

function setup() {
  const decisions = new FallbackDecisionSource({
    primary: new SimulationDecisionSource({ iam: iamClient(), context: testContext() }),
    fallback: new LocalPolicyDecisionSource(view),
  });
  return { decisions };
}

/** The fallback provenance the answers carry (no shared notes array: the decisions say it themselves). */
const provenance = (answers: readonly ActionDecision[]) => answers.map((d) => [d.engine ?? null, d.fallbackReason ?? null]);

const allowAll = (input: SimulatePrincipalPolicyCommandInput) => ({
  EvaluationResults: (input.ActionNames ?? []).map((a) => ({ EvalActionName: a, EvalDecision: 'allowed' as const, MatchedStatements: [], MissingContextValues: [] })),
  IsTruncated: false,
});

describe('FallbackDecisionSource', () => {
  beforeEach(() => {
    iam.reset();
  });

  it('uses the simulation while it works: answers without fallback provenance, engine aws-simulation', async () => {
    iam.on(SimulatePrincipalPolicyCommand).callsFake(allowAll);
    const { decisions } = setup();
    const answers = await decisions.decide({ role: worker, actions: ['ec2:TerminateInstances'] });
    expect(answers).toMatchObject([{ decision: 'allowed' }]);
    expect(provenance(answers)).toEqual([[null, null]]);
    expect(decisions.engine).toBe('aws-simulation');
  });

  it.each([
    ['AccessDenied', awsError('AccessDenied', 'User: audit is not authorized to perform: iam:SimulatePrincipalPolicy', 403), 'AccessDenied: User: audit is not authorized to perform: iam:SimulatePrincipalPolicy'],
    ['NotImplemented (501)', awsError('NotImplemented', 'SimulatePrincipalPolicy is not implemented by this endpoint', 501), 'NotImplemented: SimulatePrincipalPolicy is not implemented by this endpoint'],
    ['a server error after retries', awsError('ServiceFailure', 'internal failure', 500, { attempts: 6 }), 'ServiceFailure: internal failure (after 6 attempts)'],
  ])('falls back to the local evaluator on %s: each answer says engine local and why', async (_label, error, reason) => {
    // Arrange
    iam.on(SimulatePrincipalPolicyCommand).rejects(error);
    const { decisions } = setup();
    // Act
    const result = await decisions.decide({ role: worker, actions: ['ec2:DescribeInstances', 'ec2:TerminateInstances'] });
    // Assert: the local evaluator decided over the fetched documents, and the answers carry it.
    expect(result.map((d) => d.decision)).toEqual(['allowed', 'explicitDeny']);
    expect(provenance(result)).toEqual([['local', reason], ['local', reason]]);
    expect(decisions.engine).toBe('aws-simulation');
    expect(decisions.fallbackRoles.get(WORKER)).toBe(reason);
  });

  it('stays local for that role (no more simulation calls) but keeps simulating other roles', async () => {
    // Arrange
    iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: WORKER }).rejects(awsError('AccessDenied', 'denied', 403));
    iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: controlPlane.arn }).callsFake(allowAll);
    const { decisions } = setup();
    // Act
    await Promise.all([decisions.decide({ role: worker, actions: ['ec2:DescribeInstances'] }), decisions.decide({ role: worker, actions: ['ec2:DescribeRegions'] })]);
    const again = await decisions.decide({ role: worker, actions: ['ec2:DescribeInstances'] });
    const cp = await decisions.decide({ role: controlPlane, actions: ['iam:CreateRole'] });
    // Assert
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand, { PolicySourceArn: WORKER })).toHaveLength(2);
    expect(provenance(again)).toEqual([['local', 'AccessDenied: denied']]);
    expect(cp).toMatchObject([{ decision: 'allowed' }]);
    expect(provenance(cp)).toEqual([[null, null]]);
  });

  it('does not fall back on throttling: the error stays an error', async () => {
    iam.on(SimulatePrincipalPolicyCommand).rejects(awsError('Throttling', 'Rate exceeded', 400, { attempts: 6 }));
    const { decisions } = setup();
    await expect(decisions.decide({ role: worker, actions: ['ec2:DescribeInstances'] })).rejects.toBeInstanceOf(AwsCallError);
    expect(decisions.fallbackRoles.size).toBe(0);
    expect(decisions.engine).toBe('aws-simulation');
  });
});

describe('simulationUnavailableReason', () => {
  it('only counts failures of iam:SimulatePrincipalPolicy', () => {
    const denied = new AwsCallError({ operation: 'iam:GetRole', region: 'us-west-1', kind: 'access-denied', code: 'AccessDenied', reason: 'AccessDenied: x', cause: undefined });
    expect(simulationUnavailableReason(denied)).toBeUndefined();
    expect(simulationUnavailableReason(new Error('x'))).toBeUndefined();
  });
});
