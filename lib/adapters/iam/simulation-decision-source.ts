import { type EvaluationResult, IAMClient, SimulatePrincipalPolicyCommand, type Statement } from '@aws-sdk/client-iam';
import type { Role } from '../../domain/model/account-view.js';
import type { ActionDecision, Decision, DecisionRequest, MatchedStatement, PolicyDecisionSource } from '../../domain/policy/decisions.js';
import { InvalidEvaluationRequestError } from '../../domain/policy/errors.js';
import { callAws, type AwsCallContext } from '../aws/call-aws.js';
import { Deadline } from '../aws/deadline.js';
import { AwsCallError } from '../aws/errors.js';
import { limit } from '../aws/limit.js';
import { chunk, collectPages, iamMarker } from '../aws/paginate.js';
import { contextEntriesFor } from './context-entries.js';
import type { PolicyTextIndex } from './policy-text-index.js';
import { locateStatement } from './statement-locator.js';

/** IAM actions the simulation engine calls, on the audited roles' ARNs. */
export const SIMULATION_PERMISSIONS = ['iam:SimulatePrincipalPolicy'] as const;

/**
 * Default number of action names per SimulatePrincipalPolicy call: 1000, the largest page of results
 * (`MaxItems`, botocore iam/2010-05-08 service-2.json `maxItemsType`: 1-1000; `ActionNames` has no bound in the
 * model). Every action gives one EvaluationResult, so a larger batch would cost the same calls in Marker pages, one
 * after the other instead of in parallel. See docs/api-calls.md.
 */
export const DEFAULT_SIMULATION_BATCH_SIZE = 1000;
/** The largest `MaxItems` SimulatePrincipalPolicy accepts (botocore `maxItemsType`). */
export const SIMULATION_MAX_ITEMS = 1000;

const DECISIONS: readonly Decision[] = ['allowed', 'explicitDeny', 'implicitDeny'];
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/;

export interface SimulationDecisionSourceOptions {
  /** Default: a new IAMClient for the context's region with the default credential chain. */
  iam?: IAMClient;
  /** Region, IAM concurrency cap and deadline. Default: us-east-1, 4 concurrent calls, no deadline. */
  context?: AwsCallContext;
  /** Action names per call. Default {@link DEFAULT_SIMULATION_BATCH_SIZE}. */
  batchSize?: number;
  /** The roles' policy texts, to turn matched statement positions into statement index, Sid and Effect. */
  policyTexts?: PolicyTextIndex;
}

/**
 * IAM decisions from AWS itself: SimulatePrincipalPolicy on the role's ARN, which evaluates the role's identity
 * policies, its permissions boundary and the organization's SCPs exactly as IAM does.
 *
 * Actions go in batches of `batchSize` (one call per 1000 actions of a request context); each batch loops on Marker
 * while IsTruncated (results may be short). ContextEntries carry the whole request context: the simulator ignores
 * entries no policy uses, so asking GetContextKeysForPrincipalPolicy which keys are used (one call per role) would
 * change no decision. Every call runs under the IAM concurrency cap with adaptive retries.
 * Throws (AwsCallError) when it could not decide: never guesses.
 */
export class SimulationDecisionSource implements PolicyDecisionSource {
  static readonly permissions = SIMULATION_PERMISSIONS;
  readonly engine = 'aws-simulation' as const;
  private readonly iam: IAMClient;
  private readonly context: AwsCallContext;
  private readonly batchSize: number;
  private readonly policyTexts: PolicyTextIndex | undefined;

  constructor(options: SimulationDecisionSourceOptions = {}) {
    this.context = options.context ?? { region: 'us-east-1', limiter: limit(4), deadline: new Deadline() };
    this.iam = options.iam ?? new IAMClient({ region: this.context.region });
    this.batchSize = options.batchSize ?? DEFAULT_SIMULATION_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${this.batchSize}`);
    this.policyTexts = options.policyTexts;
  }

  async decide(request: DecisionRequest): Promise<ActionDecision[]> {
    for (const action of request.actions) {
      if (!ACTION.test(action)) {
        throw new InvalidEvaluationRequestError(`cannot simulate ${JSON.stringify(action)}: expected a single action like ec2:DescribeInstances (no wildcards)`, 'action');
      }
    }
    const unique = [...new Map(request.actions.map((a) => [a.toLowerCase(), a])).values()];
    if (unique.length === 0) return [];
    const entries = contextEntriesFor(request.context, undefined);
    const resource = request.resource !== undefined && request.resource !== '*' ? [request.resource] : undefined;
    const batches = await Promise.all(chunk(unique, this.batchSize).map((batch) => this.simulate(request.role, batch, resource, entries)));
    const byAction = new Map<string, EvaluationResult>();
    for (const result of batches.flat()) if (result.EvalActionName !== undefined) byAction.set(result.EvalActionName.toLowerCase(), result);
    return request.actions.map((action) => {
      const result = byAction.get(action.toLowerCase());
      if (result === undefined) throw this.unexpected(request.role, `no evaluation result for ${action}`);
      const decision = this.toDecision(action, request.role, result);
      // Keys AWS does not send with this action decide as absent: the simulator's answer for them (the condition
      // did not match) is the decision, not "allowed only with context".
      const absentKey = request.absentKey;
      if (absentKey !== undefined) decision.missingContextKeys = decision.missingContextKeys.filter((key) => !absentKey(action, key));
      return decision;
    });
  }

  private async simulate(role: Role, actions: string[], resourceArns: string[] | undefined, entries: ReturnType<typeof contextEntriesFor>): Promise<EvaluationResult[]> {
    const source = { operation: 'iam:SimulatePrincipalPolicy', region: this.context.region };
    const pages = await collectPages(
      source,
      (Marker) =>
        callAws(this.context, source.operation, role.arn, (o) =>
          this.iam.send(
            new SimulatePrincipalPolicyCommand({
              PolicySourceArn: role.arn,
              ActionNames: actions,
              ...(resourceArns === undefined ? {} : { ResourceArns: resourceArns }),
              ...(entries.length === 0 ? {} : { ContextEntries: entries }),
              MaxItems: SIMULATION_MAX_ITEMS,
              Marker,
            }),
            o,
          ),
        ),
      iamMarker(source),
    );
    return pages.flatMap((page) => page.EvaluationResults ?? []);
  }

  private toDecision(action: string, role: Role, result: EvaluationResult): ActionDecision {
    const decision = DECISIONS.find((d) => d === result.EvalDecision);
    if (decision === undefined) throw this.unexpected(role, `unknown EvalDecision ${JSON.stringify(result.EvalDecision)} for ${action}`);
    const out: ActionDecision = {
      action,
      decision,
      matchedStatements: (result.MatchedStatements ?? []).map((s) => this.toStatement(role, s)),
      missingContextKeys: [...(result.MissingContextValues ?? [])],
    };
    const byBoundary = result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary;
    if (byBoundary !== undefined) out.allowedByBoundary = byBoundary;
    const byOrganizations = result.OrganizationsDecisionDetail?.AllowedByOrganizations;
    if (byOrganizations !== undefined) out.allowedByOrganizations = byOrganizations;
    return out;
  }

  private toStatement(role: Role, statement: Statement): MatchedStatement {
    const id = statement.SourcePolicyId ?? '';
    const type = statement.SourcePolicyType;
    const source = this.policyTexts?.find(role.arn, id, type);
    const out: MatchedStatement = { policyId: source?.policyId ?? id, policyType: source?.policyType ?? policyTypeOf(type) };
    const start = statement.StartPosition;
    if (source === undefined || start?.Line === undefined || start.Column === undefined) return out;
    const index = locateStatement(source.text, start.Line, start.Column);
    if (index === undefined) return out;
    out.statementIndex = index;
    const raw: unknown = Array.isArray(source.document.Statement) ? source.document.Statement[index] : source.document.Statement;
    if (typeof raw === 'object' && raw !== null) {
      const { Sid, Effect } = raw as { Sid?: unknown; Effect?: unknown };
      if (typeof Sid === 'string') out.sid = Sid;
      if (Effect === 'Allow' || Effect === 'Deny') out.effect = Effect;
    }
    return out;
  }

  private unexpected(role: Role, problem: string): AwsCallError {
    return new AwsCallError({
      operation: 'iam:SimulatePrincipalPolicy',
      region: this.context.region,
      arn: role.arn,
      kind: 'other',
      code: 'UnexpectedResponse',
      reason: `UnexpectedResponse: ${problem}`,
      cause: undefined,
    });
  }
}

/** SimulatePrincipalPolicy's SourcePolicyType in the vocabulary of MatchedStatement. */
function policyTypeOf(type: string | undefined): string {
  switch (type) {
    case 'role':
    case 'user':
    case 'group':
      return 'inline';
    case 'aws-managed':
    case 'user-managed':
      return 'managed';
    case undefined:
      return 'none';
    default:
      return type;
  }
}
