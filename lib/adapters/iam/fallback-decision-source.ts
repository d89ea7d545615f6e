import type { ActionDecision, DecisionRequest, IamEngine, PolicyDecisionSource } from '../../domain/policy/decisions.js';
import { AwsCallError } from '../aws/errors.js';

export interface FallbackDecisionSourceOptions {
  /** Normally the {@link SimulationDecisionSource}. */
  primary: PolicyDecisionSource;
  /** Normally the LocalPolicyDecisionSource over the documents the collector fetched. */
  fallback: PolicyDecisionSource;
  /**
   * Where fallback notes go. Pass the CollectedAccount's `notes` array: notes are appended while deciding
   * (during evaluation), so read it after the checks ran.
   */
  notes?: string[];
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
 * (local evaluator) for that role from then on, recording a note
 * `IAM simulation unavailable for <role>: <reason>; used the local evaluator` - never silently.
 * `engine` reports the fallback's engine (`local`) once any role fell back.
 */
export class FallbackDecisionSource implements PolicyDecisionSource {
  readonly notes: string[];
  private readonly primary: PolicyDecisionSource;
  private readonly fallback: PolicyDecisionSource;
  private readonly fellBack = new Map<string, string>();

  constructor(options: FallbackDecisionSourceOptions) {
    this.primary = options.primary;
    this.fallback = options.fallback;
    this.notes = options.notes ?? [];
  }

  get engine(): IamEngine {
    return this.fellBack.size > 0 ? this.fallback.engine : this.primary.engine;
  }

  /** Roles (ARN -> reason) for which the fallback engine decided. */
  get fallbackRoles(): ReadonlyMap<string, string> {
    return this.fellBack;
  }

  async decide(request: DecisionRequest): Promise<ActionDecision[]> {
    if (this.fellBack.has(request.role.arn)) return this.fallback.decide(request);
    try {
      return await this.primary.decide(request);
    } catch (error) {
      const reason = simulationUnavailableReason(error);
      if (reason === undefined) throw error;
      if (!this.fellBack.has(request.role.arn)) {
        this.fellBack.set(request.role.arn, reason);
        this.notes.push(`IAM simulation unavailable for ${request.role.arn}: ${reason}; used the local evaluator`);
      }
      return this.fallback.decide(request);
    }
  }
}
