import { describe, expect, it } from '@jest/globals';
import { CommanderError } from 'commander';
import { debugEnabled, oneLine, toCliFailure } from '../../bin/cli-errors.js';
import { InputError, SnapshotError, UsageError } from '../../lib/app/errors.js';

describe('toCliFailure', () => {
  it('treats help and version requests as success without output', () => {
    // Act / Assert
    expect(toCliFailure(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), {})).toEqual({ lines: [], exitCode: 0 });
    expect(toCliFailure(new CommanderError(0, 'commander.version', '0.1.0'), {})).toEqual({ lines: [], exitCode: 0 });
  });

  it('maps a commander usage error to exit 2 and one line without the "error:" prefix', () => {
    // Arrange
    const err = new CommanderError(1, 'commander.unknownOption', "error: unknown option '--formt'\n(Did you mean --format?)");

    // Act / Assert
    expect(toCliFailure(err, {})).toEqual({ lines: ["kube-aws-audit: unknown option '--formt' (Did you mean --format?)"], exitCode: 2 });
  });

  it('maps help shown for a missing command to exit 2 (the help is already printed)', () => {
    // Act / Assert
    expect(toCliFailure(new CommanderError(1, 'commander.help', '(outputHelp)'), {})).toEqual({ lines: [], exitCode: 2 });
  });

  it('names the file and path of an input error unless the message already does', () => {
    // Act / Assert
    expect(toCliFailure(new SnapshotError('not JSON', 'snap/ec2-describe-subnets.json', 'Subnets[2]'), {}).lines).toEqual([
      'kube-aws-audit: snap/ec2-describe-subnets.json: Subnets[2]: not JSON',
    ]);
    expect(toCliFailure(new InputError('snap/meta.json: region is not a string', 'snap/meta.json'), {}).lines).toEqual([
      'kube-aws-audit: snap/meta.json: region is not a string',
    ]);
    expect(toCliFailure(new UsageError('audit needs --snapshot <dir> or --live'), {})).toEqual({
      lines: ['kube-aws-audit: audit needs --snapshot <dir> or --live'],
      exitCode: 2,
    });
  });

  it('maps an unexpected error to exit 3 with a DEBUG hint, and adds the stack only with DEBUG', () => {
    // Arrange
    const err = new RangeError('Invalid array length');

    // Act
    const quiet = toCliFailure(err, {});
    const debug = toCliFailure(err, { DEBUG: 'kube-aws-audit' });

    // Assert
    expect(quiet).toEqual({
      lines: ['kube-aws-audit: unexpected error: Invalid array length (set DEBUG=kube-aws-audit for the stack trace)'],
      exitCode: 3,
    });
    expect(debug.exitCode).toBe(3);
    expect(debug.lines[0]).toBe('kube-aws-audit: unexpected error: Invalid array length');
    expect(debug.lines.slice(1).join('\n')).toContain('RangeError: Invalid array length');
  });

  it('describes a thrown non-Error value', () => {
    // Act / Assert
    expect(toCliFailure('boom', {}).lines[0]).toBe('kube-aws-audit: unexpected error: boom (set DEBUG=kube-aws-audit for the stack trace)');
  });
});

describe('debugEnabled', () => {
  it.each([
    ['kube-aws-audit', true],
    ['*', true],
    ['express,kube-aws-audit*', true],
    ['kube-aws-audit:*', true],
    ['express', false],
    ['', false],
  ])('DEBUG=%j -> %j', (value, expected) => {
    // Act / Assert
    expect(debugEnabled({ DEBUG: value })).toBe(expected);
  });
});

describe('oneLine', () => {
  it('joins trimmed non-empty lines with spaces', () => {
    // Act / Assert
    expect(oneLine('a\r\n  b\n\nc ')).toBe('a b c');
  });
});
