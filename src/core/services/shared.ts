/* Small pieces every service uses: applying a patch, keeping the tag vocabulary whole. */
import type { Draft } from '../case-library';

/** Applies a patch (null clears a field) and stamps updatedAt; validation is the caller's, with the record schema. */
export function applyPatch<T extends object>(record: T, patch: object, now: string): T {
  const next: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  next.updatedAt = now;
  return next as T;
}

/** Every tag in use is in the vocabulary, and so is each of its parents ("theme" for "theme/misogyny"). */
export function ensureTagsDefined(draft: Draft, tags: readonly string[]): void {
  if (tags.length === 0) return;
  const known = new Set(draft.peekLibrary().tags.map((t) => t.path));
  const missing = tags.flatMap((tag) => tag.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))).filter((p) => !known.has(p));
  if (missing.length === 0) return; // leave library.json unwritten when the vocabulary already has them all
  const library = draft.library();
  for (const tag of tags) {
    const parts = tag.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join('/');
      if (!known.has(path)) {
        known.add(path);
        library.tags.push({ path });
      }
    }
  }
  library.tags.sort((a, b) => a.path.localeCompare(b.path, 'en-GB'));
}
