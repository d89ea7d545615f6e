import type { ActionDecision, DecisionRequest, IamEngine, PolicyDecisionSource } from '../../domain/policy/decisions.js';
import { AwsCallError } from '../aws/errors.js';

export interface FallbackDecisionSourceOptions {
  /** Normally the {@link SimulationDecisionSource}. */
  primary: PolicyDecisionSource;
  /** Normally the LocalPolicyDecisionSource over the documents the collector fetched. */
  fallback: PolicyDecisionSource;
}

/**
 * Why the simulation is unavailable for a role, or undefined when the error is not that kind of failure.
 * Unavailable: AccessDenied on iam:SimulatePrincipalPolicy, NotImplemented / HTTP 501 (e.g. an endpoint that does not
 * implement it), or a server error still failing after the SDK's retries. Throttling and everything else is not
 * "unavailable": it stays an error, so the affected checks report "could not check".
 */
export function simulationUnavailableReason(error: unknown): string | undefined {
  if (!(error instanceof AwsCallError) || error.operation !== 'iam:SimulatePrincipalPolicy') return undefined;
  return error.kind === 'access-denied' || error.kind === 'not-implemented' || error.kind === 'server' ? error.reason : undefined;
}

/**
 * Uses the primary engine (AWS simulation) and, for a role where it is unavailable, switches to the fallback
 * (local evaluator) for that role from then on - never silently: every answer the fallback gives carries its
 * `engine` and the `fallbackReason`, from which lib/app/analyse-iam.ts writes the cluster note
 * `IAM simulation unavailable for <role>: <reason>; used the local evaluator`. `engine` is the primary's and never
 * changes; the answers say which engine decided them.
 */
export class FallbackDecisionSource implements PolicyDecisionSource {
  readonly engine: IamEngine;
  private readonly primary: PolicyDecisionSource;
  private readonly fallback: PolicyDecisionSource;
  private readonly fellBack = new Map<string, string>();

  constructor(options: FallbackDecisionSourceOptions) {
    this.primary = options.primary;
    this.fallback = options.fallback;
    this.engine = options.primary.engine;
  }

  /** Roles (ARN -> reason) for which the fallback engine decided. */
  get fallbackRoles(): ReadonlyMap<string, string> {
    return this.fellBack;
  }

  async decide(request: DecisionRequest): Promise<ActionDecision[]> {
    const known = this.fellBack.get(request.role.arn);
    if (known !== undefined) return this.#fallbackDecide(request, known);
    try {
      return await this.primary.decide(request);
    } catch (error) {
      const reason = simulationUnavailableReason(error);
      if (reason === undefined) throw error;
      this.fellBack.set(request.role.arn, reason);
      return this.#fallbackDecide(request, reason);
    }
  }

  async #fallbackDecide(request: DecisionRequest, reason: string): Promise<ActionDecision[]> {
    const decisions = await this.fallback.decide(request);
    return decisions.map((d) => ({ ...d, engine: this.fallback.engine, fallbackReason: reason }));
  }
}
