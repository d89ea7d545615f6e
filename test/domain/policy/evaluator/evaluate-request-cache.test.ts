import { describe, expect, it } from '@jest/globals';
import { compiledSetFor, evaluateRequest } from '../../../../lib/domain/policy/evaluator/evaluate-request.js';
import type { PolicySource } from '../../../../lib/domain/policy/evaluator/types.js';

const allowDescribe = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }] };
const denyAll = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };

// Issue 12: evaluateRequest() caches compiled policy sets instead of recompiling them on every call.
describe('evaluateRequest compiled-set cache', () => {
  it('reuses the compiled set for the same arrays, and for new arrays of the same documents', () => {
    const identityPolicies = [{ id: 'nodes', document: allowDescribe }];
    const first = compiledSetFor({ identityPolicies });
    expect(compiledSetFor({ identityPolicies })).toBe(first);
    expect(compiledSetFor({ identityPolicies: [{ id: 'nodes', document: allowDescribe }] })).toBe(first);
    expect(compiledSetFor({ identityPolicies, permissionsBoundaries: [] })).toBe(first);
  });

  it('compiles anew when the policies differ: another document, another id, an added policy or a boundary', () => {
    const identityPolicies = [{ id: 'nodes', document: allowDescribe }];
    const first = compiledSetFor({ identityPolicies });
    expect(compiledSetFor({ identityPolicies: [{ id: 'other', document: allowDescribe }] })).not.toBe(first);
    expect(compiledSetFor({ identityPolicies, permissionsBoundaries: [denyAll] })).not.toBe(first);
    const grown = [...identityPolicies];
    expect(compiledSetFor({ identityPolicies: grown })).toBe(first);
    grown.push({ id: 'deny', document: denyAll });
    expect(compiledSetFor({ identityPolicies: grown })).not.toBe(first);
  });

  it('gives the decisions of a fresh compilation when the array is changed in place between calls', () => {
    const identityPolicies: PolicySource[] = [{ id: 'nodes', document: allowDescribe }];
    const request = { action: 'ec2:DescribeInstances' };
    expect(evaluateRequest({ identityPolicies, request }).decision).toBe('allowed');
    identityPolicies.push({ id: 'deny', document: denyAll });
    expect(evaluateRequest({ identityPolicies, request }).decision).toBe('explicitDeny');
    identityPolicies.pop();
    expect(evaluateRequest({ identityPolicies, request }).decision).toBe('allowed');
  });

  it('keys string documents by their text', () => {
    const text = JSON.stringify(allowDescribe);
    expect(compiledSetFor({ identityPolicies: [text] })).toBe(compiledSetFor({ identityPolicies: [`${text}`] }));
    expect(evaluateRequest({ identityPolicies: [text], request: { action: 'ec2:RunInstances' } }).decision).toBe('implicitDeny');
  });
});
