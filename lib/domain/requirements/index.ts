export { PRESETS, DEFAULT_PRESET, isPresetName, presetByName } from './presets.js';
export { CLI_ROLE_NAMES, roleKeyFromCli, type CliRoleName, type Preset, type RoleActions, type TagScoping } from './preset.js';
export { requirementsFor, mergeRequirements, type RoleRequirements } from './requirements-for.js';
export { generatePolicy, PolicyGenerationError, type GeneratePolicyOptions, type GeneratedPolicy, type GeneratedStatement } from './generate-policy.js';
export { ECR_PULL_ACTIONS, CCM_FEATURE_DEPENDENT_ACTIONS, ROUTE_CONTROLLER_ACTIONS } from './actions.js';
