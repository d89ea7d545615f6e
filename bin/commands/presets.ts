import type { Command } from 'commander';
import { UsageError } from '../../lib/app/errors.js';
import { PRESET_NAMES } from '../../lib/domain/config/schema.js';
import type { Preset, RoleActions } from '../../lib/domain/requirements/preset.js';
import { DEFAULT_PRESET, isPresetName, PRESETS } from '../../lib/domain/requirements/presets.js';

const FORMATS = ['table', 'json'] as const;
type PresetsFormat = (typeof FORMATS)[number];

interface PresetsOptions {
  preset?: string;
  format: string;
}

/** A preset as `presets --format json` prints it. */
export interface PresetJson {
  name: string;
  default: boolean;
  source: string;
  summary: string;
  controlPlane: { required: string[]; optional: string[]; tolerated: string[] };
  worker: { required: string[]; optional: string[]; tolerated: string[] };
  cloudRoutesOnly: string[];
  tagScoping: { tag: string; mutating: string[]; create: string[] };
  notes: string[];
}

const roleJson = (r: RoleActions) => ({ required: [...r.required], optional: [...r.optional], tolerated: [...r.tolerated] });

/** The JSON form of a preset (plain data, no functions). */
export function presetToJson(p: Preset): PresetJson {
  return {
    name: p.name,
    default: p.name === DEFAULT_PRESET,
    source: p.source,
    summary: p.summary,
    controlPlane: roleJson(p.controlPlane),
    worker: roleJson(p.worker),
    cloudRoutesOnly: [...p.cloudRoutesOnly],
    tagScoping: { tag: p.tagScoping.description, mutating: [...p.tagScoping.mutating], create: [...p.tagScoping.create] },
    notes: [...p.notes],
  };
}

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

const counts = (r: RoleActions) => `${r.required.length} required, ${r.optional.length} optional`;

/** The overview table of every preset. */
export function presetsTable(presets: readonly Preset[]): string {
  return pad([
    ['PRESET', 'CONTROL PLANE', 'WORKER', 'TAG SCOPING', 'SOURCE'],
    ...presets.map((p) => [
      p.name === DEFAULT_PRESET ? `${p.name} (default)` : p.name,
      counts(p.controlPlane),
      counts(p.worker),
      p.tagScoping.description,
      p.source,
    ]),
  ]);
}

function list(title: string, actions: readonly string[]): string[] {
  if (actions.length === 0) return [`  ${title}: none`];
  return [`  ${title} (${actions.length}):`, ...[...actions].sort().map((a) => `    ${a}`)];
}

/** The detail view of one preset: its actions per role, tag scoping and notes. */
export function presetDetail(p: Preset): string {
  const lines = [
    `${p.name}${p.name === DEFAULT_PRESET ? ' (default)' : ''}: ${p.summary}`,
    `Source: ${p.source}`,
    '',
    'Control plane',
    ...list('required', p.controlPlane.required),
    ...list('optional (feature-dependent)', p.controlPlane.optional),
    ...list('tolerated (installer components)', p.controlPlane.tolerated),
    '',
    'Worker',
    ...list('required', p.worker.required),
    ...list('optional (feature-dependent)', p.worker.optional),
    ...list('tolerated (installer components)', p.worker.tolerated),
    '',
    `Required only with cloudRoutes: ${p.cloudRoutesOnly.join(', ')}`,
    `Tag scoping (policy --tag-scoped): ${p.tagScoping.description}; ${p.tagScoping.mutating.length} mutating actions need aws:ResourceTag, ${p.tagScoping.create.length} create actions aws:RequestTag`,
    '',
    'Notes',
    ...p.notes.map((n) => `  - ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Renders `presets` output for the options (validated). */
export function renderPresets(options: PresetsOptions): string {
  const format = options.format as PresetsFormat;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format ${JSON.stringify(options.format)}; expected one of ${FORMATS.join(', ')}`, undefined, '--format');
  }
  if (options.preset !== undefined && !isPresetName(options.preset)) {
    throw new UsageError(`unknown preset ${JSON.stringify(options.preset)}; expected one of ${PRESET_NAMES.join(', ')}`, undefined, '--preset');
  }
  if (options.preset !== undefined) {
    const preset = PRESETS[options.preset as keyof typeof PRESETS];
    return format === 'json' ? `${JSON.stringify(presetToJson(preset), null, 2)}\n` : presetDetail(preset);
  }
  const all = PRESET_NAMES.map((n) => PRESETS[n]);
  return format === 'json' ? `${JSON.stringify(all.map(presetToJson), null, 2)}\n` : presetsTable(all);
}

/** Adds `kube-aws-audit presets [--preset NAME] [--format table|json]`. */
export function register(program: Command): void {
  program
    .command('presets')
    .description('list the requirement presets (required and optional IAM actions per role, and their sources)')
    .option('--preset <name>', `show one preset in detail (${PRESET_NAMES.join(' | ')})`)
    .option('--format <format>', `output format (${FORMATS.join(' | ')})`, 'table')
    .action(function (this: Command, options: PresetsOptions) {
      const text = renderPresets(options);
      const out = this.configureOutput().writeOut ?? ((s: string) => void process.stdout.write(s));
      out(text);
    });
}
