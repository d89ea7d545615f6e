// The strategy names, apart from the collector, so the CLI can offer them without loading the AWS SDK.
/**
 * How the IAM collector reads roles.
 *
 * - `role-scoped` (default): per configured role GetRole, ListRolePolicies, one GetRolePolicy per inline policy,
 *   ListAttachedRolePolicies, ListInstanceProfilesForRole, plus GetPolicy + GetPolicyVersion once per distinct
 *   managed policy (attached or boundary). Calls = sum over roles of (4 + inline) + 2 x distinct managed policies
 *   (+1 per extra page of 1000 names, which never happens in practice). A typical cluster (2 roles, 2 inline and
 *   3 managed policies each, 4 distinct) costs 2 x (4 + 2) + 2 x 4 = 20 small calls (a few KB each), independent of
 *   the account's size.
 * - `account-sweep`: GetAccountAuthorizationDetails (Filter Role, LocalManagedPolicy, AWSManagedPolicy), MaxItems 1000:
 *   ceil(entities / 1000) calls, but each page carries every role with all inline documents and every policy with
 *   all its versions: an account with 800 roles and 400 policies is 2 calls of several MB each, under GAAD's
 *   tighter throttling, and needs no per-role calls. Instance profiles of every role come with it, so instances
 *   with unexpected profiles resolve without GetInstanceProfile. One sweep serves every cluster of the account in
 *   the run (cached), and a snapshot captured this way holds the whole account, like `aws iam
 *   get-account-authorization-details`.
 *
 * - `auto` (the live audit's default): whichever is fewer calls. Role-scoped costs at least 4 calls per configured
 *   role (of every cluster of the run sharing the account and credentials), the sweep ceil(entities / 1000). The
 *   sweep is tried first and abandoned once its pages reach that role-scoped floor (the account is too large to
 *   sweep cheaply), or when it fails (e.g. GetAccountAuthorizationDetails is not granted): then role-scoped, with a
 *   note. For one cluster in an account of under 1,000 roles and policies that is 1 call instead of 8 to 20.
 *
 * Rule of thumb when choosing by hand: role-scoped while (configured roles x ~6 + 2 x managed policies) stays below a
 * few dozen calls and the account is large; account-sweep for many clusters (or many unexpected profiles) in one
 * account, or to capture a complete snapshot.
 */
export const IAM_STRATEGIES = ['role-scoped', 'account-sweep', 'auto'] as const;
export type IamStrategy = (typeof IAM_STRATEGIES)[number];
