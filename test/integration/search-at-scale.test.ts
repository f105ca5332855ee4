import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embedDirtyAssets } from '../../src/core/embed.ts';
import { parseQuery } from '../../src/core/query.ts';
import { Searcher } from '../../src/core/search.ts';
import { loadEmbedder } from '../../src/core/smallbrain/load-embedder.ts';
import { Store } from '../../src/core/store/index.ts';
import { compileFilters, registerSqlFunctions } from '../../src/core/store/search.ts';
import type { Embedder, Tag } from '../../src/core/types.ts';

// Paths a small index never takes: words held by so many assets that BM25 over them is skipped, and
// filters checked before the exact re-rank when the floats are read from SQLite. 8,000 assets written
// through the store and embedded by the real model; all but 39 plugins hold "widget".
const FILLER = ['lamp', 'chair', 'table', 'cloud', 'mountain', 'river', 'book', 'pencil', 'guitar', 'bicycle', 'kite', 'tent', 'ladder', 'bucket', 'rocket'];
const SIZE = 8000;

describe('search over a large index', () => {
  let dir: string;
  let embedder: Embedder;
  let store: Store;
  let fromSqlite: Store;
  const gears = new Set<number>();
  const redFruit = new Set<number>();

  function tags(...words: string[]): Tag[] {
    return [{ text: words.join(' '), source: 'embedded', field: 'title' }, ...words.map((text): Tag => ({ text, source: 'embedded', field: 'keyword' }))];
  }

  before(async () => {
    embedder = await loadEmbedder();
    dir = mkdtempSync(join(tmpdir(), 'asset-lens-scale-'));
    store = Store.open({ indexDir: dir, dimensions: embedder.dimensions, modelName: embedder.name });
    store.transaction(() => {
      for (let i = 0; i < SIZE; i++) {
        const kind = i === 2 ? 'widget' : i % 200 === 0 ? 'gear' : i % 200 === 1 ? 'fruit' : i % 200 === 2 ? 'plugin' : 'filler';
        const red = Math.floor(i / 200) % 2 === 0;
        const id = store.addAsset(`hash-${i}`, 1000, {
          width: 64,
          height: 64,
          format: 'png',
          hasAlpha: false,
          orientation: 'square',
          palette: [red ? '#dd2222' : '#2244dd'],
          dhash: '0',
        });
        store.putFile({ path: `assets/${kind}-${i}.png`, assetId: id, size: 1000, mtimeMs: 1_700_000_000_000, error: null });
        const words =
          kind === 'gear' ? ['widget', 'gear', 'cog'] : kind === 'fruit' ? ['widget', 'apple', 'fruit'] : kind === 'plugin' ? ['plugin'] : kind === 'widget' ? ['widget'] : ['widget', ...[0, 4, 8, 12].map((offset) => FILLER[(i + offset) % FILLER.length]!)];
        store.replaceTags(id, 'embedded', tags(...words));
        if (kind === 'gear') gears.add(id);
        if (kind === 'fruit' && red) redFruit.add(id);
      }
    });
    await embedDirtyAssets(store, embedder);
    fromSqlite = Store.open({ indexDir: dir, dimensions: embedder.dimensions, modelName: embedder.name, vectorIndex: { inMemoryLimit: 1000 } });
    registerSqlFunctions(store.db);
    registerSqlFunctions(fromSqlite.db);
  });

  after(async () => {
    fromSqlite.close();
    store.close();
    await embedder.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const idsOf = async (on: Store, query: string, limit = 10) => {
    const searcher = new Searcher(on, embedder);
    const { hits } = await searcher.rank(query, { limit });
    const ids = on.assetIdsByHash(hits.map((hit) => hit.hash));
    return hits.map((hit) => ({ id: ids.get(hit.hash)!, lessRelated: hit.lessRelated }));
  };

  it('ranks by the rarer words when one word is in every asset', async () => {
    const hits = await idsOf(store, 'widget gear', 60);
    assert.equal(hits.length, 60);
    assert.deepEqual(hits.slice(0, gears.size).map((hit) => gears.has(hit.id)), Array(gears.size).fill(true), 'all 40 gears first');
    assert.ok(hits.slice(0, gears.size).every((hit) => !hit.lessRelated));
  });

  it('counts a word nearly every asset holds as a match: its holders are not less related', async () => {
    // In meaning, the one asset tagged just "widget" is far ahead of the rest (cosine 1 against ~0.5),
    // so the holders of the word are strong matches only through the lexical list.
    const hits = await idsOf(store, 'widget', 100);
    assert.equal(hits.length, 100);
    const tagsById = store.tagsByAsset(hits.map((hit) => hit.id));
    assert.ok(hits.every((hit) => tagsById.get(hit.id)!.some((tag) => tag.text === 'widget')));
    assert.deepEqual(hits.filter((hit) => hit.lessRelated).length, 0);
  });

  it('checks filters on the binary codes’ candidates when the re-rank reads SQLite, finding what the in-memory index finds', async () => {
    assert.equal(fromSqlite.vectors.inMemory, false);
    assert.equal(store.vectors.inMemory, true);
    for (const query of ['apple fruit color:red', 'gear color:blue', 'red apple ext:png']) {
      const inMemory = await idsOf(store, query);
      const sqlite = await idsOf(fromSqlite, query);
      assert.ok(sqlite.length > 0, query);
      assert.deepEqual(sqlite.map((hit) => hit.id), inMemory.map((hit) => hit.id), query);
      const filter = compileFilters(parseQuery(query).filters);
      assert.equal(filter.params.length > 0 || filter.fileParams.length > 0, true);
    }
    const reds = await idsOf(fromSqlite, 'apple fruit color:red', redFruit.size);
    assert.deepEqual(new Set(reds.map((hit) => hit.id)), redFruit, 'every red fruit, and only those');
  });
});
