import { InvalidArgumentError } from 'commander';

/**
 * The deadline of a live run without `--deadline`: a live run is always bounded (docs/reliability.md), even when an
 * endpoint keeps answering slowly.
 */
export const DEFAULT_LIVE_DEADLINE = '30m';

/** `--deadline` help text, shared by the commands that talk to AWS. */
export const DEADLINE_HELP =
  'live mode: stop issuing AWS calls at this point and report what is unfinished as status error (exit 3); ' +
  `a duration from now (90s, 5m, 1h30m, 500ms) or an ISO time with zone (2026-11-25T06:00:00Z); default ${DEFAULT_LIVE_DEADLINE}`;

/** `--deadline` as given, else {@link DEFAULT_LIVE_DEADLINE} from now. */
export function liveDeadline(given: Date | undefined, now: number = Date.now()): Date {
  return given ?? parseDeadline(DEFAULT_LIVE_DEADLINE, now);
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
/** An ISO 8601 date-time with an explicit zone: without one, JavaScript would read it as local time. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses `--deadline`: a duration from `now` (`90s`, `5m`, `1h30m`, `250ms`; units ms, s, m, h, combinable) or an
 * ISO 8601 time with a zone (`2026-11-25T06:00:00Z`, `...+01:00`). Returns the moment the run must stop.
 *
 * @throws InvalidArgumentError (commander: exit 2) for anything else, a zero duration, or a time not in the future
 */
export function parseDeadline(value: string, now: number = Date.now()): Date {
  const text = value.trim();
  if (DURATION.test(text)) {
    let ms = 0;
    for (const [, amount, unit] of text.matchAll(PART)) ms += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
    if (!(ms > 0)) throw new InvalidArgumentError('the duration must be longer than 0.');
    return new Date(now + Math.round(ms));
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    if (!ISO_WITH_ZONE.test(text)) throw new InvalidArgumentError('an ISO time needs a zone, e.g. 2026-11-25T06:00:00Z or +01:00.');
    const at = Date.parse(text);
    if (Number.isNaN(at)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a valid time.`);
    if (at <= now) throw new InvalidArgumentError(`${new Date(at).toISOString()} is not in the future.`);
    return new Date(at);
  }
  throw new InvalidArgumentError('expected a duration like 90s, 5m or 1h30m, or an ISO time like 2026-11-25T06:00:00Z.');
}
