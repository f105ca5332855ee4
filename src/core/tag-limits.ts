// Every tag, whatever its source (embedded metadata, path words, cloud answers, the ledger, hand
// edits), is cleaned and capped the same way before it is stored: a repository chooses its file names
// and metadata, so a tag may carry terminal escapes, bidi overrides or 30,000 keywords.
import type { Tag, TagField } from './types.ts';

export const MAX_TAGS_PER_SOURCE = 200;
export const MAX_TAG_CHARS = 300;
export const MAX_DESCRIPTION_CHARS = 4000;

// Control and format characters (incl. bidi overrides, zero-width joiners) and line/paragraph separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

export function maxCharsOf(field: TagField): number {
  return field === 'description' ? MAX_DESCRIPTION_CHARS : MAX_TAG_CHARS;
}

/** One line of visible text: invisible characters become spaces, runs of whitespace one space, at most `maxChars` code points. */
export function cleanTagText(raw: string, maxChars: number): string {
  // Cut first (a code point is at most two UTF-16 units): a huge field costs no more than a short one.
  const text = raw.slice(0, maxChars * 4).replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  return text.length <= maxChars ? text : Array.from(text).slice(0, maxChars).join('').trim();
}

function keyOf(tag: Tag): string {
  return `${tag.source}\u0000${tag.field}\u0000${tag.text.toLowerCase()}`;
}

/**
 * Collects tags with the limits applied as they come: cleaned, de-duplicated (case-insensitively, per
 * source and field) and at most MAX_TAGS_PER_SOURCE per source; later ones are dropped in O(1).
 */
export class TagCollector {
  readonly tags: Tag[] = [];
  private readonly seen = new Set<string>();
  private readonly perSource = new Map<string, number>();

  add(raw: string, source: Tag['source'], field: TagField): void {
    const count = this.perSource.get(source) ?? 0;
    if (count >= MAX_TAGS_PER_SOURCE) return;
    const text = cleanTagText(raw, maxCharsOf(field));
    if (!text) return;
    const tag: Tag = { text, source, field };
    const key = keyOf(tag);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.perSource.set(source, count + 1);
    this.tags.push(tag);
  }
}

/** The limits applied to a finished list (the store applies them to everything it writes). */
export function limitTags(tags: readonly Tag[]): Tag[] {
  const collector = new TagCollector();
  for (const tag of tags) collector.add(tag.text, tag.source, tag.field);
  return collector.tags;
}
