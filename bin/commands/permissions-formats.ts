/** `permissions --format` values. */
export const PERMISSIONS_FORMATS = ['policy', 'json'] as const;
export type PermissionsFormat = (typeof PERMISSIONS_FORMATS)[number];
