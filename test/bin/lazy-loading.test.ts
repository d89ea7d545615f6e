import { describe, expect, it } from '@jest/globals';
import { staticPackageImports } from '../support/static-imports.js';

// Issue 12 "The CLI loads only what a command uses": the AWS SDK is loaded with dynamic import() by the commands that
// call AWS (audit --live, audit --publish, snapshot, permissions), so the executable's static module graph, which
// --version, presets, policy and audit --snapshot run on, must not reach it.
describe('CLI lazy loading', () => {
  it('the executable does not load the AWS SDK statically (--version, presets, policy, snapshot audits)', () => {
    const sdk = [...staticPackageImports('bin/kube-aws-audit.ts')].filter(([pkg]) => pkg.startsWith('@aws-sdk/') || pkg.startsWith('@smithy/'));
    expect(sdk.map(([pkg, chain]) => `${pkg} <- ${chain.join(' > ')}`)).toEqual([]);
  });

  it('the walker does see the SDK where it is imported statically (the test above can fail)', () => {
    expect([...staticPackageImports('lib/adapters/live/live-account-source.ts').keys()]).toEqual(expect.arrayContaining(['@aws-sdk/client-ec2', '@aws-sdk/client-iam']));
  });

  it('the snapshot reader and the audit pipeline do not load the AWS SDK', () => {
    for (const entry of ['lib/adapters/snapshot/index.ts', 'lib/app/run-audit.ts']) {
      expect([...staticPackageImports(entry).keys()].filter((pkg) => pkg.startsWith('@aws-sdk/'))).toEqual([]);
    }
  });
});
