import type { AccountView } from '../model/account-view.js';
import { parseIamArn, sameIamEntity } from '../model/iam-arn.js';

/** What an instance profile ARN resolves to in the view. */
export type ProfileResolution =
  | { found: true; profileArn: string; profileName: string; roleArns: string[] }
  | { found: false; profileArn: string; profileName: string };

/**
 * Resolves an instance profile ARN to its roles through `view.instanceProfiles`, then through the profiles each role
 * lists (`Role.instanceProfiles`, both come from GetAccountAuthorizationDetails).
 */
export function resolveInstanceProfile(view: AccountView, profileArn: string): ProfileResolution {
  // Every instance of a fleet asks for one of a few profiles, once per cluster: resolve each once per view.
  let byArn = resolved.get(view);
  if (byArn === undefined) {
    byArn = new Map();
    resolved.set(view, byArn);
  }
  let found = byArn.get(profileArn);
  if (found === undefined) {
    found = resolveUncached(view, profileArn);
    byArn.set(profileArn, found);
  }
  return found.found ? { ...found, roleArns: [...found.roleArns] } : { ...found };
}

const resolved = new WeakMap<AccountView, Map<string, ProfileResolution>>();

function resolveUncached(view: AccountView, profileArn: string): ProfileResolution {
  const profileName = parseIamArn(profileArn)?.name ?? profileArn;
  const profile = view.instanceProfiles.find((p) => sameIamEntity(p.arn, profileArn));
  if (profile) return { found: true, profileArn, profileName: profile.name, roleArns: [...profile.roleArns] };
  const roles = view.roles.filter((r) => r.instanceProfiles.some((p) => sameIamEntity(p.arn, profileArn)));
  if (roles.length > 0) return { found: true, profileArn, profileName, roleArns: roles.map((r) => r.arn) };
  return { found: false, profileArn, profileName };
}
