import { LocalPolicyDecisionSource } from '../domain/policy/local-decision-source.js';
import type { AccountSource } from './ports.js';

/**
 * Pairs a source that only collects documents (a snapshot) with the local IAM evaluator: every collected view
 * gets a {@link LocalPolicyDecisionSource} over its own policy documents, unless the source already set decisions.
 */
export function withLocalDecisions(source: AccountSource): AccountSource {
  return {
    mode: source.mode,
    async collect(cluster) {
      const collected = await source.collect(cluster);
      return collected.decisions !== undefined ? collected : { ...collected, decisions: new LocalPolicyDecisionSource(collected.view) };
    },
  };
}
