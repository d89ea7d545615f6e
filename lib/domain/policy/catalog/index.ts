export { catalog, accessLevel, canonicalAction, serviceOf, type ActionCatalog, type ActionContextSupport } from './action-catalog.js';
export { ACCESS_LEVELS, isAccessLevel, normaliseAccessLevel, type AccessLevel } from './access-level.js';
export { AUDITED_SERVICES, isAuditedService, type AuditedService } from './audited-services.js';
export { expandActionPattern, type ExpandedPattern } from './expand-action-pattern.js';
