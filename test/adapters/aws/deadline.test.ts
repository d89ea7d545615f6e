import { describe, expect, it } from '@jest/globals';
import { Deadline } from '../../../lib/adapters/aws/deadline.js';

describe('Deadline', () => {
  it('is never reached without an input', () => {
    const deadline = new Deadline();
    expect(deadline.reached()).toBe(false);
    expect(deadline.signal()).toBeUndefined();
  });

  it('is reached when the date passes', () => {
    let now = 1_000;
    const deadline = new Deadline(new Date(2_000), () => now);
    expect(deadline.reached()).toBe(false);
    now = 2_000;
    expect(deadline.reached()).toBe(true);
  });

  it('follows an AbortSignal and passes it on to the SDK', () => {
    const controller = new AbortController();
    const deadline = new Deadline(controller.signal);
    expect(deadline.signal()).toBe(controller.signal);
    controller.abort();
    expect(deadline.reached()).toBe(true);
  });

  it('turns a date into a signal that aborts when it passes', async () => {
    const deadline = new Deadline(new Date(Date.now() + 5));
    const signal = deadline.signal();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(signal?.aborted).toBe(true);
  });
});
