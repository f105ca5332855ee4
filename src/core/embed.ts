// Stage 5: SmallBrain embeds the tag text of every asset whose tags changed, and the words go to FTS5.
import type { Embedder, Progress } from './types.ts';
import type { Store } from './store/index.ts';
import { dirtyAssetCount } from './store/assets.ts';
import { embeddingText, ftsColumns } from './tag-text.ts';

const EMBED_BATCH = 128;

function isZero(vector: Float32Array): boolean {
  for (const value of vector) if (value !== 0) return false;
  return true;
}

export async function embedDirtyAssets(
  store: Store,
  embedder: Embedder,
  options: { onProgress?: (p: Progress) => void; signal?: AbortSignal } = {},
): Promise<number> {
  const total = dirtyAssetCount(store.db);
  let done = 0;
  while (done < total) {
    options.signal?.throwIfAborted();
    const ids = store.dirtyAssetIds(EMBED_BATCH);
    if (ids.length === 0) break;
    const tagsById = store.tagsByAsset(ids);
    const tags = ids.map((id) => tagsById.get(id) ?? []);
    const texts = tags.map(embeddingText);
    const vectors = await embedder.embed(texts);
    store.transaction(() => {
      ids.forEach((id, i) => {
        const vector = vectors[i]!;
        store.writeIndexEntry(id, isZero(vector) ? null : vector, ftsColumns(tags[i]!));
      });
    });
    done += ids.length;
    options.onProgress?.({ stage: 'embed', done: Math.min(done, total), total });
  }
  return done;
}
