import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { auditorActions, auditorPolicy, PERMISSION_MANIFEST } from '../../lib/adapters/permissions.js';

const ADAPTERS = new URL('../../lib/adapters/', import.meta.url);
const SERVICES: Record<string, string> = { '@aws-sdk/client-iam': 'iam', '@aws-sdk/client-ec2': 'ec2', '@aws-sdk/client-sts': 'sts' };

/** Every `new <Operation>Command(` in the adapters this manifest covers, as `service:Operation`. */
function actionsCalledInSource(): string[] {
  const found = new Set<string>();
  for (const folder of ['aws', 'iam', 'ec2', 'sts', 'live']) {
    for (const file of readdirSync(new URL(`${folder}/`, ADAPTERS)).filter((f) => f.endsWith('.ts'))) {
      // Comments (TSDoc examples) do not call anything.
      const text = readFileSync(new URL(`${folder}/${file}`, ADAPTERS), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      const service = Object.entries(SERVICES).find(([module]) => text.includes(`from '${module}'`))?.[1];
      for (const match of text.matchAll(/new (\w+)Command\(/g)) {
        if (service === undefined) throw new Error(`${folder}/${file} sends ${match[1]} but imports no known client`);
        found.add(`${service}:${match[1]}`);
      }
    }
  }
  return [...found].sort();
}

describe('permission manifest', () => {
  it('declares exactly the AWS operations the adapters call', () => {
    expect(auditorActions()).toEqual(actionsCalledInSource());
  });

  it('names the adapter and purpose of every entry', () => {
    for (const entry of PERMISSION_MANIFEST) {
      expect(entry.adapter).not.toBe('');
      expect(entry.purpose).not.toBe('');
      expect(entry.actions.length).toBeGreaterThan(0);
    }
  });
});

describe('auditorPolicy', () => {
  it('allows the read actions on * and sts:AssumeRole separately', () => {
    const policy = auditorPolicy();
    const [read, assume] = policy.Statement as { Action: string[]; Resource: string | string[] }[];
    expect(read?.Action).toEqual(auditorActions().filter((a) => a !== 'sts:AssumeRole'));
    expect(read?.Resource).toBe('*');
    expect(assume).toMatchObject({ Action: ['sts:AssumeRole'], Resource: ['*'] });
    expect(policy.Version).toBe('2012-10-17');
  });

  it('narrows sts:AssumeRole to the configured roles', () => {
    const arn = 'arn:aws:iam::123456789012:role/audit-reader';
    const [, assume] = auditorPolicy({ assumeRoleArns: [arn, arn] }).Statement as { Resource: string[] }[];
    expect(assume?.Resource).toEqual([arn]);
  });

  it('has no AssumeRole statement when no role is to be assumed', () => {
    expect(auditorPolicy({ assumeRoleArns: [] }).Statement).toHaveLength(1);
  });
});
