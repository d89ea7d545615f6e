import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  GetContextKeysForPrincipalPolicyCommand,
  IAMClient,
  SimulatePrincipalPolicyCommand,
  type EvaluationResult,
  type ManagedPolicyDetail,
  type RoleDetail,
  type SimulatePrincipalPolicyCommandInput,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCallError } from '../../../lib/adapters/aws/errors.js';
import { PolicyTextIndex } from '../../../lib/adapters/iam/policy-text-index.js';
import { SimulationDecisionSource } from '../../../lib/adapters/iam/simulation-decision-source.js';
import { roleFromDetail } from '../../../lib/adapters/iam/to-view.js';
import { InvalidEvaluationRequestError } from '../../../lib/domain/policy/errors.js';
import { testContext } from '../aws/support/contexts.js';
import { awsError, recorded } from '../aws/support/recorded.js';
import { ECR_POLICY, iamClient, WORKER } from './support/mock-iam.js';

const iam = mockClient(IAMClient);
const gaad1 = recorded<{ RoleDetailList: RoleDetail[]; Policies: ManagedPolicyDetail[] }>('iam.GetAccountAuthorizationDetails_1');
const gaad2 = recorded<{ RoleDetailList: RoleDetail[]; Policies: ManagedPolicyDetail[] }>('iam.GetAccountAuthorizationDetails_2');
const workerDetail = gaad2.RoleDetailList[0] as RoleDetail;
const worker = roleFromDetail(workerDetail);
const policyTexts = new PolicyTextIndex({ roleDetails: [workerDetail], policies: [...gaad1.Policies, ...gaad2.Policies] });

/** Answers every simulated action with `allowed` (or what `decide` says), echoing the action names. */
function answerAll(decide: (action: string) => EvaluationResult['EvalDecision'] = () => 'allowed') {
  return (input: SimulatePrincipalPolicyCommandInput) => ({
    EvaluationResults: (input.ActionNames ?? []).map((action) => ({ EvalActionName: action, EvalResourceName: '*', EvalDecision: decide(action), MatchedStatements: [], MissingContextValues: [] })),
    IsTruncated: false,
  });
}

const actions = (n: number) => Array.from({ length: n }, (_, i) => `ec2:Action${i}`);
const source = (options: Partial<ConstructorParameters<typeof SimulationDecisionSource>[0]> = {}) =>
  new SimulationDecisionSource({ iam: iamClient(), context: testContext(), policyTexts, ...options });

describe('SimulationDecisionSource', () => {
  beforeEach(() => {
    iam.reset();
  });

  // botocore iam/2010-05-08 service-2.json: maxItemsType (MaxItems) is 1-1000, ActionNameListType has no bound.
  it('simulates 2,500 actions in 3 calls of at most 1000 action names (the largest MaxItems) on the role ARN', async () => {
    // Arrange
    iam.on(SimulatePrincipalPolicyCommand).callsFake(answerAll());
    // Act
    const decisions = await source().decide({ role: worker, actions: actions(2500) });
    // Assert
    const inputs = iam.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => i.ActionNames?.length)).toEqual([1000, 1000, 500]);
    expect(inputs.every((i) => i.MaxItems === 1000)).toBe(true);
    expect(inputs.every((i) => i.PolicySourceArn === WORKER && i.ResourceArns === undefined && i.ContextEntries === undefined)).toBe(true);
    expect(decisions).toHaveLength(2500);
    expect(decisions.map((d) => d.action)).toEqual(actions(2500));
    expect(iam.commandCalls(GetContextKeysForPrincipalPolicyCommand)).toHaveLength(0);
  });

  it('honours batchSize', async () => {
    iam.on(SimulatePrincipalPolicyCommand).callsFake(answerAll());
    await source({ batchSize: 200 }).decide({ role: worker, actions: actions(250) });
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input.ActionNames?.length)).toEqual([200, 50]);
  });

  it('loops on Marker while IsTruncated, even when a page is short', async () => {
    // Arrange
    const all = answerAll()({ PolicySourceArn: WORKER, ActionNames: actions(3) }).EvaluationResults;
    iam
      .on(SimulatePrincipalPolicyCommand)
      .resolvesOnce({ EvaluationResults: all.slice(0, 1), IsTruncated: true, Marker: 'm-1' })
      .resolvesOnce({ EvaluationResults: all.slice(1, 2), IsTruncated: true, Marker: 'm-2' })
      .resolvesOnce({ EvaluationResults: all.slice(2), IsTruncated: false });
    // Act
    const decisions = await source().decide({ role: worker, actions: actions(3) });
    // Assert
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input.Marker)).toEqual([undefined, 'm-1', 'm-2']);
    expect(decisions.map((d) => d.decision)).toEqual(['allowed', 'allowed', 'allowed']);
  });

  it('passes the whole request context as ContextEntries, never asking GetContextKeysForPrincipalPolicy (unused entries change no decision)', async () => {
    // Arrange
    iam.on(SimulatePrincipalPolicyCommand).callsFake(answerAll());
    const simulation = source();
    const context = { 'aws:ResourceTag/KubernetesCluster': ['prod-east'], 'aws:RequestedRegion': ['us-west-1'] };
    // Act
    await simulation.decide({ role: worker, actions: ['ec2:CreateTags'], context, resource: 'arn:aws:ec2:us-west-1:123456789012:instance/*' });
    await simulation.decide({ role: worker, actions: ['ec2:DeleteTags'], context });
    // Assert
    expect(iam.commandCalls(GetContextKeysForPrincipalPolicyCommand)).toHaveLength(0);
    const first = iam.commandCalls(SimulatePrincipalPolicyCommand)[0]?.args[0].input;
    expect(first?.ContextEntries).toEqual([
      { ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: ['us-west-1'], ContextKeyType: 'string' },
      { ContextKeyName: 'aws:ResourceTag/KubernetesCluster', ContextKeyValues: ['prod-east'], ContextKeyType: 'string' },
    ]);
    expect(first?.ResourceArns).toEqual(['arn:aws:ec2:us-west-1:123456789012:instance/*']);
  });

  describe('maps each EvalDecision variety', () => {
    const requested = ['ec2:DescribeInstances', 'ec2:TerminateInstances', 'ecr:BatchGetImage', 'ec2:DescribeRouteTables', 'ec2:CreateTags', 'ec2:DeleteRoute'];

    beforeEach(() => {
      iam.on(SimulatePrincipalPolicyCommand).resolves(recorded('iam.SimulatePrincipalPolicy_worker'));
    });

    it('allowed, with the granting statement located in the inline policy', async () => {
      const [decision] = await source().decide({ role: worker, actions: ['ec2:DescribeInstances'] });
      expect(decision).toEqual({
        action: 'ec2:DescribeInstances',
        decision: 'allowed',
        matchedStatements: [{ policyId: 'k8s-worker-ec2', policyType: 'inline', statementIndex: 0, sid: 'DescribeForCloudProvider', effect: 'Allow' }],
        missingContextKeys: [],
        allowedByBoundary: true,
        allowedByOrganizations: true,
      });
    });

    it('explicit deny, with the denying statement', async () => {
      const decisions = await source().decide({ role: worker, actions: requested });
      expect(decisions[1]).toMatchObject({
        decision: 'explicitDeny',
        matchedStatements: [{ policyId: 'k8s-worker-ec2', policyType: 'inline', statementIndex: 1, sid: 'NoTerminate', effect: 'Deny' }],
      });
    });

    it('allowed by a managed policy, reported by ARN', async () => {
      const decisions = await source().decide({ role: worker, actions: requested });
      expect(decisions[2]?.matchedStatements).toEqual([{ policyId: ECR_POLICY, policyType: 'managed', statementIndex: 0, effect: 'Allow' }]);
    });

    it('SCP deny: allowedByOrganizations false', async () => {
      const decisions = await source().decide({ role: worker, actions: requested });
      expect(decisions[3]).toMatchObject({ decision: 'implicitDeny', allowedByOrganizations: false, allowedByBoundary: true });
    });

    it('boundary deny: allowedByBoundary false', async () => {
      const decisions = await source().decide({ role: worker, actions: requested });
      expect(decisions[4]).toMatchObject({ decision: 'implicitDeny', allowedByBoundary: false, allowedByOrganizations: true });
    });

    it('missing context: the keys are listed', async () => {
      const decisions = await source().decide({ role: worker, actions: requested });
      expect(decisions[5]).toMatchObject({ decision: 'implicitDeny', missingContextKeys: ['aws:ResourceTag/KubernetesCluster'] });
    });

    it('without the policy texts, keeps AWS\'s ids and maps the policy types', async () => {
      const decisions = await source({ policyTexts: undefined }).decide({ role: worker, actions: requested });
      expect(decisions[1]?.matchedStatements).toEqual([{ policyId: 'k8s-worker-ec2', policyType: 'inline' }]);
      expect(decisions[2]?.matchedStatements).toEqual([{ policyId: 'k8s-ecr-read', policyType: 'managed' }]);
    });
  });

  it('throws when AWS returned no result for a requested action (never guesses)', async () => {
    iam.on(SimulatePrincipalPolicyCommand).resolves({ EvaluationResults: [], IsTruncated: false });
    const failure = await source().decide({ role: worker, actions: ['ec2:DescribeInstances'] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect((failure as AwsCallError).reason).toBe('UnexpectedResponse: no evaluation result for ec2:DescribeInstances');
  });

  it('rejects wildcard action names without calling AWS', async () => {
    await expect(source().decide({ role: worker, actions: ['ec2:Describe*'] })).rejects.toBeInstanceOf(InvalidEvaluationRequestError);
    expect(iam.calls()).toHaveLength(0);
  });

  it('throws an AwsCallError on AccessDenied (the fallback decides what to do)', async () => {
    iam.on(SimulatePrincipalPolicyCommand).rejects(awsError('AccessDenied', 'not authorized to perform: iam:SimulatePrincipalPolicy', 403));
    const failure = await source().decide({ role: worker, actions: ['ec2:DescribeInstances'] }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ operation: 'iam:SimulatePrincipalPolicy', kind: 'access-denied', arn: WORKER });
  });

  it('runs batches under the IAM concurrency cap', async () => {
    // Arrange
    let active = 0;
    let peak = 0;
    iam.on(SimulatePrincipalPolicyCommand).callsFake(async (input: SimulatePrincipalPolicyCommandInput) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 2));
      active -= 1;
      return answerAll()(input);
    });
    // Act
    await source({ context: testContext({ concurrency: 2 }), batchSize: 10 }).decide({ role: worker, actions: actions(100) });
    // Assert
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(10);
    expect(peak).toBe(2);
  });

  it('reports engine aws-simulation and decides nothing for no actions', async () => {
    const simulation = source();
    expect(simulation.engine).toBe('aws-simulation');
    await expect(simulation.decide({ role: worker, actions: [] })).resolves.toEqual([]);
    expect(iam.calls()).toHaveLength(0);
  });
});
