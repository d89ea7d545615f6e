import { describe, expect, it } from '@jest/globals';
import { RESOURCE_TYPES } from '../../../../lib/domain/findings/finding.js';
import { alertAttributes, attributesBytes } from '../../../../lib/domain/report/sns/message-attributes.js';
import { aClusterReport, aFinding, aReport } from '../../../support/findings.js';

describe('alertAttributes', () => {
  it('describes the open findings of the whole run', () => {
    const report = aReport(
      [
        aFinding({ severity: 'medium' }),
        aFinding({ check: 'iam.excess.admin', severity: 'critical', resource: { type: RESOURCE_TYPES.role, id: 'r' }, suppressed: { reason: 'ok' } }),
        aFinding({ check: 'node.private-dns.missing', severity: 'high', status: 'error', resource: { type: RESOURCE_TYPES.instance, id: 'i-2' } }),
      ],
      { clusters: [aClusterReport({ name: 'staging', account: '210987654321' }), aClusterReport()] },
    );

    expect(alertAttributes(report)).toEqual({
      severity: { DataType: 'String.Array', StringValue: '["high"]' },
      cluster: { DataType: 'String.Array', StringValue: '["prod-east","staging"]' },
      account: { DataType: 'String.Array', StringValue: '["123456789012","210987654321"]' },
      findings: { DataType: 'Number', StringValue: '2' },
      new: { DataType: 'Number', StringValue: '2' },
      check: { DataType: 'String.Array', StringValue: '["node.private-dns.missing","tags.instance.missing"]' },
    });
  });

  it('uses none where SNS would reject an empty value, and an empty JSON array for no checks', () => {
    const attributes = alertAttributes(aReport([], { clusters: [] }));

    expect(attributes.severity.StringValue).toBe('["none"]');
    expect(attributes.cluster.StringValue).toBe('["none"]');
    expect(attributes.account.StringValue).toBe('["none"]');
    expect(attributes.check.StringValue).toBe('[]');
  });
});

describe('attributesBytes', () => {
  it('counts each name, data type and value in UTF-8', () => {
    expect(attributesBytes({ a: { DataType: 'String', StringValue: 'é' }, bb: { DataType: 'Number', StringValue: '10' } })).toBe(1 + 6 + 2 + 2 + 6 + 2);
  });
});
