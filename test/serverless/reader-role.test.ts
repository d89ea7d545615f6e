import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { auditorActions } from '../../lib/adapters/permissions.js';

interface ReaderTemplate {
  Resources: { ReaderRole: { Properties: { AssumeRolePolicyDocument: { Statement: { Condition: Record<string, Record<string, unknown>> }[] }; Policies: { PolicyDocument: { Statement: { Action: string[]; Resource: string }[] } }[] } } };
}

const customTags = ['Sub', 'Ref', 'GetAtt'].map((name) => ({ tag: `!${name}`, resolve: (value: string) => ({ [name]: value }) }));
const template = parse(readFileSync('deploy/reader-role.yaml', 'utf8'), { customTags }) as ReaderTemplate;

describe('deploy/reader-role.yaml (the role to create in each audited account)', () => {
  it('grants exactly the auditor\'s read manifest, without sts:AssumeRole', () => {
    const statements = template.Resources.ReaderRole.Properties.Policies.flatMap((p) => p.PolicyDocument.Statement);

    expect(statements.flatMap((s) => s.Action).sort()).toEqual(auditorActions().filter((a) => a !== 'sts:AssumeRole'));
  });

  it('trusts only the service\'s worker and on-demand roles, with an external id', () => {
    const [trust] = template.Resources.ReaderRole.Properties.AssumeRolePolicyDocument.Statement;

    expect(Object.keys(trust!.Condition.StringEquals!)).toEqual(['sts:ExternalId']);
    expect(JSON.stringify(trust!.Condition.ArnLike)).toContain('AuditWorkerRole-*');
    expect(JSON.stringify(trust!.Condition.ArnLike)).toContain('OnDemandAuditRole-*');
  });
});
