import type { Tags } from '../../domain/model/account-view.js';

/** AWS `Tags: [{Key, Value}]` (absent or empty: `{}`) as the view's plain record. */
export function tagsFromList(tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Tags {
  const out: Tags = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  return out;
}
