export { evaluateRequest } from './evaluate-request.js';
export {
  compilePolicySet,
  type CompiledPolicySet,
  type CompilePolicySetOptions,
  type PolicySetStatement,
} from './compile-policy-set.js';
export {
  compilePolicyDocument,
  type CompileDocumentOptions,
  type CompiledDocument,
  type CompiledStatement,
  type Effect,
} from './compile-document.js';
export type { ConditionOutcome, CompiledCondition, ConditionClause } from './condition/compile-condition.js';
export { OPERATOR_NAMES } from './condition/operators.js';
export type { RequestContext } from './condition/context.js';
export type {
  EvaluateRequestInput,
  EvaluatedStatement,
  EvaluationRequest,
  EvaluationResult,
  PolicyInput,
  PolicySetInput,
  PolicySource,
  PolicyType,
} from './types.js';
