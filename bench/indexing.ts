// Indexing on real images: throughput of the engine's own `index()` run, where the time goes (each stage
// timed alone on a sample), and a re-index of an unchanged tree of many small files.
import { readFile } from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetLens } from '../src/core/engine.ts';
import { contentHash } from '../src/core/hash.ts';
import { decodeImage } from '../src/core/decode.ts';
import { imageFacts } from '../src/core/facts.ts';
import { writeThumbnail } from '../src/core/thumbnail.ts';
import { embeddedTags } from '../src/core/embedded-metadata.ts';
import { pathTags } from '../src/core/path-tags.ts';
import { embeddingText, ftsColumns } from '../src/core/tag-text.ts';
import { loadSharp } from '../src/core/natives.ts';
import { Store } from '../src/core/store/index.ts';
import type { Embedder, Tag } from '../src/core/types.ts';
import { round } from './stats.ts';

export const OPENCLIPART_PNG = process.env.OPENCLIPART_PNG ?? '/usr/share/openclipart/png';

export interface IndexingBench {
  root: string;
  images: number;
  failed: number;
  seconds: number;
  imagesPerSecond: number;
  coresUsed: number;
  indexBytesPerImage: number;
  thumbnailBytesPerImage: number;
  /** Milliseconds per image of each stage run alone, one image at a time, on a sample. */
  stageMsPerImage: Record<'read' | 'hash' | 'decode' | 'facts' | 'thumbnail' | 'embeddedTags' | 'embed' | 'write', number>;
  sample: number;
}

function listPngs(root: string, found: string[] = []): string[] {
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) listPngs(path, found);
    else if (entry.name.endsWith('.png')) found.push(path);
  }
  return found;
}

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function stageBreakdown(files: readonly string[], embedder: Embedder, scratch: string): Promise<IndexingBench['stageMsPerImage']> {
  const totals = { read: 0, hash: 0, decode: 0, facts: 0, thumbnail: 0, embeddedTags: 0, embed: 0, write: 0 };
  const timed = async <T>(stage: keyof typeof totals, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await work();
    totals[stage] += performance.now() - started;
    return result;
  };
  const store = Store.open({ indexDir: join(scratch, 'index'), dimensions: embedder.dimensions, modelName: embedder.name });
  try {
    const items: { hash: string; bytes: number; facts: Awaited<ReturnType<typeof imageFacts>>; tags: Tag[]; path: string }[] = [];
    for (const file of files) {
      const bytes = await timed('read', () => readFile(file));
      const hash = await timed('hash', () => contentHash(bytes));
      const image = await timed('decode', () => decodeImage(file, bytes));
      const facts = await timed('facts', () => imageFacts(image));
      await timed('thumbnail', () => writeThumbnail(scratch, hash, image));
      const path = file.slice(OPENCLIPART_PNG.length + 1);
      const tags = [...(await timed('embeddedTags', () => embeddedTags(file, bytes, image.metadata))), ...pathTags([path])];
      items.push({ hash, bytes: bytes.length, facts, tags, path });
    }
    const vectors = await timed('embed', () => embedder.embed(items.map((item) => embeddingText(item.tags))));
    await timed('write', () =>
      store.transaction(() => {
        items.forEach((item, i) => {
          const id = store.addAsset(item.hash, item.bytes, item.facts);
          store.putFile({ path: item.path, assetId: id, size: item.bytes, mtimeMs: 0, error: null });
          store.replaceTags(id, 'embedded', item.tags.filter((t) => t.source === 'embedded'));
          store.replaceTags(id, 'path', item.tags.filter((t) => t.source === 'path'));
          store.writeIndexEntry(id, vectors[i]!, ftsColumns(item.tags));
        });
      }),
    );
  } finally {
    store.close();
  }
  return Object.fromEntries(Object.entries(totals).map(([stage, ms]) => [stage, round(ms / files.length, 3)])) as IndexingBench['stageMsPerImage'];
}

/** Indexes `root` from scratch with the engine and breaks a sample down by stage. */
export async function benchIndexing(root: string, sample: number, scratch: string, embedder: Embedder): Promise<IndexingBench> {
  rmSync(scratch, { recursive: true, force: true });
  const indexDir = join(scratch, 'engine-index');
  const lens = await AssetLens.open({ root, indexDir, embedder });
  let summary;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    summary = await lens.index();
  } finally {
    lens.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const images = summary.files - summary.failed.length;
  const all = listPngs(root);
  const step = Math.max(1, Math.floor(all.length / sample));
  const picked = all.filter((_, i) => i % step === 0).slice(0, sample);
  const stageMsPerImage = await stageBreakdown(picked, embedder, join(scratch, 'stages'));
  const dbBytes = ['index.db', 'index.db-wal'].reduce((sum, name) => sum + (existsSync(join(indexDir, name)) ? statSync(join(indexDir, name)).size : 0), 0);
  return {
    root,
    images,
    failed: summary.failed.length,
    seconds: round(seconds),
    imagesPerSecond: round(images / seconds, 1),
    coresUsed: round((cpu.user + cpu.system) / 1e6 / seconds),
    indexBytesPerImage: Math.round(dbBytes / Math.max(1, images)),
    thumbnailBytesPerImage: Math.round(folderBytes(join(indexDir, 'thumbs')) / Math.max(1, images)),
    stageMsPerImage,
    sample: picked.length,
  };
}

export interface ReindexBench {
  files: number;
  firstIndexSeconds: number;
  unchangedReindexSeconds: number;
  unchanged: number;
}

/** A tree of `count` small distinct PNGs in nested folders, written once and cached. */
async function smallImageTree(dir: string, count: number): Promise<void> {
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return;
  rmSync(dir, { recursive: true, force: true });
  const sharp = loadSharp();
  const parallel = 16;
  for (let start = 0; start < count; start += parallel) {
    await Promise.all(
      Array.from({ length: Math.min(parallel, count - start) }, async (_, k) => {
        const i = start + k;
        const folder = join(dir, `set-${Math.floor(i / 1000)}`, `group-${Math.floor(i / 100) % 10}`);
        mkdirSync(folder, { recursive: true });
        const pixels = Buffer.alloc(8 * 8 * 3);
        for (let p = 0; p < pixels.length; p++) pixels[p] = (i * 2654435761 + p * 40503) >>> ((p % 4) * 8) & 0xff;
        await sharp(pixels, { raw: { width: 8, height: 8, channels: 3 } }).png().toFile(join(folder, `icon-${i}.png`));
      }),
    );
  }
  writeFileSync(marker, '');
}

/** Time to re-index a tree whose files did not change (scan + compare; no file is read). */
export async function benchReindex(cacheDir: string, count: number, embedder: Embedder, log: (line: string) => void): Promise<ReindexBench> {
  const base = join(cacheDir, `tree-${count}-v1`);
  const root = join(base, 'files');
  const indexDir = join(base, 'index');
  await smallImageTree(root, count);
  const lens = await AssetLens.open({ root, indexDir, embedder });
  try {
    const firstStarted = performance.now();
    const first = await lens.index();
    const firstIndexSeconds = (performance.now() - firstStarted) / 1000;
    if (first.new > 0) log(`  indexed a fresh tree of ${count} files in ${firstIndexSeconds.toFixed(1)} s`);
    const started = performance.now();
    const again = await lens.index();
    return {
      files: count,
      firstIndexSeconds: round(first.new > 0 ? firstIndexSeconds : NaN),
      unchangedReindexSeconds: round((performance.now() - started) / 1000),
      unchanged: again.unchanged,
    };
  } finally {
    lens.close();
  }
}
