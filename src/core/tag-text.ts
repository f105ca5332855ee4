// Turns an asset's tags into the two things search reads: the text SmallBrain embeds and the FTS5 columns.
import type { Tag, TagField } from './types.ts';
import type { FtsColumn } from './store/index.ts';

const COLUMN_OF_FIELD: Record<TagField, FtsColumn> = {
  title: 'title',
  keyword: 'keywords',
  description: 'description',
  path: 'path',
  caption: 'cloud',
  object: 'cloud',
  style: 'cloud',
  mood: 'cloud',
  color: 'cloud',
  text: 'cloud',
  alt: 'cloud',
};

export function ftsColumnOf(tag: Tag): FtsColumn {
  return tag.source === 'user' ? 'user' : COLUMN_OF_FIELD[tag.field];
}

export function ftsColumns(tags: readonly Tag[]): Record<FtsColumn, string> {
  const columns: Record<FtsColumn, string[]> = { title: [], keywords: [], description: [], path: [], cloud: [], user: [] };
  for (const tag of tags) columns[ftsColumnOf(tag)].push(tag.text);
  return {
    title: columns.title.join(' . '),
    keywords: columns.keywords.join(' . '),
    description: columns.description.join(' . '),
    path: columns.path.join(' '),
    cloud: columns.cloud.join(' . '),
    user: columns.user.join(' . '),
  };
}

/**
 * How many times a field's words count in the embedded text. The embedder averages word vectors, so
 * repeating the words that name the subject (titles, keywords, hand tags) pulls the vector towards it.
 */
const EMBED_WEIGHT: Record<TagField, number> = {
  title: 3,
  keyword: 2,
  description: 1,
  path: 1,
  caption: 2,
  object: 2,
  style: 1,
  mood: 1,
  color: 1,
  text: 1,
  alt: 1,
};

export function embeddingText(tags: readonly Tag[]): string {
  const parts: string[] = [];
  for (const tag of tags) {
    const weight = tag.source === 'user' ? 3 : EMBED_WEIGHT[tag.field];
    for (let i = 0; i < weight; i++) parts.push(tag.text);
  }
  return parts.join(' . ');
}
