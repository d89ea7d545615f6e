import middy from '@middy/core';

/** Placeholder until the service wiring lands. */
export const handler = middy(async () => ({ ok: true }));
