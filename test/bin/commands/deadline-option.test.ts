import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from 'commander';
import { parseDeadline } from '../../../bin/commands/deadline-option.js';

const NOW = Date.parse('2026-11-25T06:00:00Z');

describe('parseDeadline', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1_500],
  ])('reads the duration %s from now', (value, ms) => {
    // Act
    const at = parseDeadline(value, NOW);

    // Assert
    expect(at.getTime() - NOW).toBe(ms);
  });

  it.each(['2026-11-25T07:00:00Z', '2026-11-25T08:00:00+01:00', '2026-11-25T07:00Z'])('reads the ISO time %s', (value) => {
    // Act
    const at = parseDeadline(value, NOW);

    // Assert
    expect(at.toISOString()).toBe('2026-11-25T07:00:00.000Z');
  });

  it.each([
    ['', /expected a duration/],
    ['90', /expected a duration/],
    ['5 minutes', /expected a duration/],
    ['0s', /longer than 0/],
    ['2026-11-25T07:00:00', /needs a zone/],
    ['2026-11-25T05:00:00Z', /not in the future/],
    ['2026-13-45T07:00:00Z', /not a valid time/],
  ])('refuses %j', (value, message) => {
    // Act / Assert
    expect(() => parseDeadline(value, NOW)).toThrow(InvalidArgumentError);
    expect(() => parseDeadline(value, NOW)).toThrow(message);
  });
});
