// Synthetic collections for the search benchmark: realistic tag sets drawn from the titles, keywords and
// folders of Debian's openclipart SVGs, written through the store's own write path and embedded by the
// real SmallBrain model. Built once per (size, inputs, code version) and cached.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Embedder, ImageFacts, Tag } from '../src/core/types.ts';
import { SCHEMA_VERSION, Store } from '../src/core/store/index.ts';
import { embedDirtyAssets } from '../src/core/embed.ts';
import { xmlMetadataTags } from '../src/core/embedded-metadata.ts';
import { pathTags } from '../src/core/path-tags.ts';
import { orientationOf } from '../src/core/facts.ts';
import { NAMED_COLORS, toHex } from '../src/core/palette.ts';

export const OPENCLIPART_SVG = process.env.OPENCLIPART_SVG ?? '/usr/share/openclipart/svg';
/** Bump when the generator changes so cached collections are rebuilt. */
const GENERATOR_VERSION = 3;
const WRITE_BATCH = 2000;

export interface Template {
  /** openclipart folder, e.g. animals/birds */
  folder: string;
  tags: Tag[];
}

/** Deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function svgPaths(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) svgPaths(path, found);
    else if (entry.name.endsWith('.svg')) found.push(path);
  }
  return found;
}

/** Tag sets of the openclipart SVGs (read with the engine's own metadata reader), cached as JSON. */
export function loadTemplates(cacheDir: string): Template[] {
  const file = join(cacheDir, 'openclipart-templates.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Template[];
  if (!existsSync(OPENCLIPART_SVG)) throw new Error(`${OPENCLIPART_SVG}: missing; apt-get install openclipart-svg (or set OPENCLIPART_SVG)`);
  const templates: Template[] = [];
  for (const path of svgPaths(OPENCLIPART_SVG)) {
    if (statSync(path).size > 2_000_000) continue;
    const tags = xmlMetadataTags(readFileSync(path, 'utf8')).filter((t) => t.field !== 'description' || t.text.length < 120);
    if (tags.length === 0) continue;
    const folder = relative(OPENCLIPART_SVG, path).split('/').slice(0, -1).join('/');
    templates.push({ folder, tags });
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, JSON.stringify(templates));
  return templates;
}

const SIZES: [number, number][] = [[16, 16], [24, 24], [32, 32], [48, 48], [64, 64], [128, 128], [256, 256], [512, 512], [800, 600], [1024, 768], [1920, 1080], [600, 800], [1080, 1920], [400, 300]];
const EXTENSIONS = ['png', 'png', 'png', 'svg', 'svg', 'jpg', 'webp'];
const COLORS = Object.values(NAMED_COLORS);

export interface SyntheticAsset {
  path: string;
  hash: string;
  bytes: number;
  facts: ImageFacts;
  tags: Tag[];
}

/** Asset `i` of a collection: one template's title and some of its keywords, a few keywords of a sibling in the same folder, a plausible path. */
export function syntheticAsset(i: number, templates: readonly Template[], byFolder: ReadonlyMap<string, Template[]>): SyntheticAsset {
  const next = random(i * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const template = pick(templates);
  const sibling = pick(byFolder.get(template.folder)!);
  const tags: Tag[] = [];
  for (const tag of template.tags) if (tag.field === 'title' || next() < 0.7) tags.push(tag);
  for (const tag of sibling.tags) if (tag.field === 'keyword' && next() < 0.25 && !tags.some((t) => t.text === tag.text)) tags.push(tag);
  const title = template.tags.find((t) => t.field === 'title')?.text ?? 'image';
  const stem = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'image';
  const ext = pick(EXTENSIONS);
  const path = `${template.folder}/${Math.floor(next() * 40)}/${stem}-${i}.${ext}`;
  const [width, height] = pick(SIZES);
  const palette = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
    const [r, g, b] = pick(COLORS);
    const jitter = () => Math.round((next() - 0.5) * 40);
    return toHex([Math.max(0, Math.min(255, r + jitter())), Math.max(0, Math.min(255, g + jitter())), Math.max(0, Math.min(255, b + jitter()))]);
  });
  const dhash = Array.from({ length: 16 }, () => Math.floor(next() * 16).toString(16)).join('');
  const hash = createHash('sha256').update(`synthetic-${i}`).digest('hex');
  const format = ext === 'jpg' ? 'jpg' : ext;
  return {
    path,
    hash,
    bytes: 2000 + Math.floor(next() * 200_000),
    facts: { width, height, format, hasAlpha: ext !== 'jpg', orientation: orientationOf(width, height), palette, dhash },
    tags,
  };
}

export function templatesByFolder(templates: readonly Template[]): Map<string, Template[]> {
  const map = new Map<string, Template[]>();
  for (const t of templates) map.set(t.folder, [...(map.get(t.folder) ?? []), t]);
  return map;
}

export interface BuiltCollection {
  indexDir: string;
  size: number;
  /** Seconds spent on the first build, per phase (cached builds report what the build measured). */
  build: { writeSeconds: number; embedSeconds: number; textsPerSecond: number };
  dbBytes: number;
}

/** Cache key: what the collection's content depends on (generator, schema, model, inputs). */
export function collectionKey(size: number, templates: readonly Template[], embedder: Embedder): string {
  return createHash('sha256')
    .update(JSON.stringify({ size, GENERATOR_VERSION, SCHEMA_VERSION, model: embedder.name, dimensions: embedder.dimensions }))
    .update(JSON.stringify(templates))
    .digest('hex')
    .slice(0, 12);
}

/** The cached collection of `size` assets, built (through Store and embedDirtyAssets) if missing. */
export async function syntheticCollection(cacheDir: string, size: number, embedder: Embedder, log: (line: string) => void): Promise<BuiltCollection> {
  const templates = loadTemplates(cacheDir);
  const dir = join(cacheDir, `synthetic-${size}-${collectionKey(size, templates, embedder)}`);
  const done = join(dir, 'build.json');
  if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as BuiltCollection;
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  const byFolder = templatesByFolder(templates);
  const store = Store.open({ indexDir: building, dimensions: embedder.dimensions, modelName: embedder.name });
  let writeSeconds = 0;
  let embedSeconds = 0;
  try {
    const started = performance.now();
    for (let start = 0; start < size; start += WRITE_BATCH) {
      store.transaction(() => {
        for (let i = start; i < Math.min(size, start + WRITE_BATCH); i++) {
          const asset = syntheticAsset(i, templates, byFolder);
          const id = store.addAsset(asset.hash, asset.bytes, asset.facts);
          store.putFile({ path: asset.path, assetId: id, size: asset.bytes, mtimeMs: 1_700_000_000_000 + i, error: null });
          store.replaceTags(id, 'embedded', asset.tags);
          store.replaceTags(id, 'path', pathTags([asset.path]));
        }
      });
      if ((start / WRITE_BATCH) % 50 === 49) log(`  synthetic ${size}: wrote ${start + WRITE_BATCH} assets`);
    }
    writeSeconds = (performance.now() - started) / 1000;
    const embedStarted = performance.now();
    let lastLog = 0;
    await embedDirtyAssets(store, embedder, {
      onProgress: (p) => {
        if (p.done - lastLog >= 100_000) {
          lastLog = p.done;
          log(`  synthetic ${size}: embedded ${p.done}/${p.total}`);
        }
      },
    });
    embedSeconds = (performance.now() - embedStarted) / 1000;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.db.exec('VACUUM');
  } finally {
    store.close();
  }
  const built: BuiltCollection = {
    indexDir: dir,
    size,
    build: { writeSeconds, embedSeconds, textsPerSecond: size / embedSeconds },
    dbBytes: statSync(join(building, 'index.db')).size,
  };
  writeFileSync(join(building, 'build.json'), JSON.stringify(built));
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return built;
}
