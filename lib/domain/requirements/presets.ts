import { PRESET_NAMES, type PresetName } from '../config/schema.js';
import type { Preset } from './preset.js';
import { cloudProviderAwsPreset } from './presets/cloud-provider-aws.js';
import { inTreePreset } from './presets/in-tree.js';
import { kopsPreset } from './presets/kops.js';

/** Every requirement preset, by name (docs/domain.md section 2). */
export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  'cloud-provider-aws': cloudProviderAwsPreset,
  'in-tree': inTreePreset,
  kops: kopsPreset,
};

/** The default preset name. */
export const DEFAULT_PRESET: PresetName = 'cloud-provider-aws';

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** The preset of a name; throws for an unknown name (callers validate user input with {@link isPresetName}). */
export function presetByName(name: PresetName): Preset {
  const preset = PRESETS[name];
  if (!preset) throw new Error(`unknown preset ${String(name)}`);
  return preset;
}
