// Package entry point: a list of re-exports only.
export * from './domain/policy/evaluator/index.js';
export { PolicyDocumentError, InvalidEvaluationRequestError } from './domain/policy/errors.js';
