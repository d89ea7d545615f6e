import type { AccountView, ManagedPolicy, Role } from '../model/account-view.js';
import type { ActionDecision, DecisionRequest, IamEngine, PolicyDecisionSource } from './decisions.js';
import { PolicyUnavailableError } from './errors.js';
import { compilePolicySet, type CompiledPolicySet } from './evaluator/compile-policy-set.js';
import type { PolicySource } from './evaluator/types.js';

/**
 * Decides IAM questions locally from the policy documents in an {@link AccountView} (engine `local`), with the
 * evaluator in `./evaluator`. For a role it evaluates the inline policies (policyId = policy name, type
 * `inline`), the attached managed policies (policyId = ARN, type `managed`) and the permissions boundary
 * (policyId = ARN, type `boundary`). SCPs and resource-based policies are not known locally.
 *
 * Compiled policy sets are cached per role object. `decide` rejects (never guesses) when a document is
 * missing ({@link PolicyUnavailableError}) or invalid (PolicyDocumentError), or an action name is malformed.
 */
export class LocalPolicyDecisionSource implements PolicyDecisionSource {
  readonly engine: IamEngine = 'local';
  private readonly managedByArn: ReadonlyMap<string, ManagedPolicy>;
  private readonly compiled = new WeakMap<Role, CompiledPolicySet>();

  constructor(view: AccountView) {
    this.managedByArn = new Map(view.managedPolicies.map((p) => [p.arn, p]));
  }

  async decide(request: DecisionRequest): Promise<ActionDecision[]> {
    const policySet = this.policySetFor(request.role);
    const resource = request.resource ?? '*';
    return request.actions.map((action) => {
      const absentKey = request.absentKey;
      const result = policySet.evaluate({
        action,
        resource,
        context: request.context,
        ...(absentKey === undefined ? {} : { absentKey: (key: string) => absentKey(action, key) }),
      });
      const decision: ActionDecision = {
        action,
        decision: result.decision,
        matchedStatements: result.matchedStatements.map((s) => ({ ...s })),
        missingContextKeys: result.missingContextKeys,
      };
      if (result.allowedByBoundary !== undefined) decision.allowedByBoundary = result.allowedByBoundary;
      return decision;
    });
  }

  /**
   * The compiled policies of a role (compiled on first use, then cached).
   * @throws PolicyUnavailableError when an attached policy or the boundary is not in the view.
   */
  policySetFor(role: Role): CompiledPolicySet {
    const cached = this.compiled.get(role);
    if (cached !== undefined) return cached;
    const identityPolicies: PolicySource[] = [
      ...role.inlinePolicies.map((p): PolicySource => ({ id: p.name, type: 'inline', document: p.document })),
      ...role.attachedPolicies.map((ref): PolicySource => {
        const policy = this.managedByArn.get(ref.arn);
        if (policy === undefined) throw new PolicyUnavailableError(role.arn, ref.arn, 'managed', { roleName: role.name });
        return { id: policy.arn, type: 'managed', document: policy.document };
      }),
    ];
    const permissionsBoundaries: PolicySource[] = [];
    if (role.permissionsBoundaryArn !== undefined) {
      const boundary = this.managedByArn.get(role.permissionsBoundaryArn);
      if (boundary === undefined) {
        throw new PolicyUnavailableError(role.arn, role.permissionsBoundaryArn, 'boundary', { roleName: role.name });
      }
      permissionsBoundaries.push({ id: boundary.arn, type: 'boundary', document: boundary.document });
    }
    const policySet = compilePolicySet({ identityPolicies, permissionsBoundaries });
    this.compiled.set(role, policySet);
    return policySet;
  }
}
