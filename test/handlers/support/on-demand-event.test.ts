import { describe, expect, it } from '@jest/globals';
import { InvalidEventError, parseOnDemandEvent } from '../../../handlers/support/on-demand-event.js';
import { configSchema } from '../../../lib/domain/config/schema.js';

const roles = { worker: 'arn:aws:iam::123456789012:role/k8s-worker' };
const CONFIG = configSchema.parse({ clusters: [{ name: 'prod-east', region: 'us-west-1', roles }, { name: 'staging', region: 'us-west-1', roles }] });

function problem(event: unknown): InvalidEventError {
  try {
    parseOnDemandEvent(event, CONFIG);
  } catch (error) {
    if (error instanceof InvalidEventError) return error;
    throw error;
  }
  throw new Error('expected an InvalidEventError');
}

describe('parseOnDemandEvent', () => {
  it('takes an empty or absent event as every cluster and family, no publishing', () => {
    expect(parseOnDemandEvent({}, CONFIG)).toEqual({ publish: false });
    expect(parseOnDemandEvent(null, CONFIG)).toEqual({ publish: false });
    expect(parseOnDemandEvent(undefined, CONFIG)).toEqual({ publish: false });
  });

  it('reads clusters, checks (in family order, without duplicates), publish and failOn', () => {
    expect(parseOnDemandEvent({ clusters: ['staging', 'staging'], checks: ['nodes', 'iam', 'nodes'], publish: true, failOn: 'medium' }, CONFIG)).toEqual({
      clusters: ['staging'],
      families: ['iam', 'nodes'],
      publish: true,
      failOn: 'medium',
    });
  });

  it('names the event key of a value outside the allowed ones', () => {
    expect(problem({ checks: ['iam', 'network'] })).toMatchObject({ message: 'event.checks[1]: expected one of iam, tags, nodes', path: 'event.checks[1]' });
    expect(problem({ failOn: 'severe' }).message).toBe('event.failOn: expected one of critical, high, medium, low, info, none');
  });

  it('names the event key of a wrong type', () => {
    expect(problem({ clusters: 'prod-east' }).message).toBe('event.clusters: expected a list of cluster names');
    expect(problem({ publish: 'yes' }).message).toBe('event.publish: expected true or false');
    expect(problem({ checks: [] }).message).toBe('event.checks: expected at least one of iam, tags, nodes');
    expect(problem('prod-east').message).toBe('event: expected an object like {"clusters": ["prod-east"], "checks": ["iam"]}');
  });

  it('rejects unknown keys with a hint', () => {
    expect(problem({ check: ['iam'] }).message).toBe('event.check: unknown key (did you mean checks?); allowed: clusters, checks, publish, failOn');
  });

  it('rejects cluster names that are not configured', () => {
    expect(problem({ clusters: ['prod-east', 'prod-west'] }).message).toBe(
      'event.clusters[1]: no configured cluster is named "prod-west" (did you mean prod-east?); configured: prod-east, staging',
    );
  });

  it('lists several problems, at most five', () => {
    const error = problem({ checks: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });

    expect(error.message.split('; ')).toHaveLength(6);
    expect(error.message).toMatch(/; and 2 more problems$/);
  });
});
