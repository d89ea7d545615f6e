import { describe, expect, it } from '@jest/globals';
import { limit } from '../../../lib/adapters/aws/limit.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe('limit', () => {
  it('never runs more than n tasks at once, even when new tasks arrive as others finish', async () => {
    // Arrange
    const run = limit(3);
    let active = 0;
    let peak = 0;
    const task = async (): Promise<number> => {
      active += 1;
      peak = Math.max(peak, active);
      await tick();
      active -= 1;
      return 1;
    };
    // Act
    const first = Array.from({ length: 10 }, () => run(task));
    await tick();
    const second = Array.from({ length: 10 }, () => run(task));
    const results = await Promise.all([...first, ...second]);
    // Assert
    expect(results).toHaveLength(20);
    expect(peak).toBe(3);
  });

  it('releases the slot when a task fails', async () => {
    const run = limit(1);
    await expect(run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('rejects a cap that is not a positive integer', () => {
    expect(() => limit(0)).toThrow(RangeError);
    expect(() => limit(1.5)).toThrow(RangeError);
  });
});
