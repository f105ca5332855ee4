// A real folder of real images (made with sharp) and a real index (Store.open on a temp dir) holding
// their files and assets, as the scanner would leave them, for the BigBrain tests; and
// useStandinFixture(), the per-test stand-in + fixture + run() that the queue, batch and budget suites share.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadSharp } from '../../src/core/natives.ts';
import { contentHash } from '../../src/core/hash.ts';
import { Store } from '../../src/core/store/index.ts';
import { runCloudTagging, type CloudRunContext, type CloudRunSummary } from '../../src/core/bigbrain/index.ts';
import type { CloudOptions } from '../../src/core/bigbrain/options.ts';
import { distinctColour, GeminiStandin, STANDIN_API_KEY, toneKey, type Rgb } from './gemini-standin.ts';

export interface FixtureImage {
  path: string;
  colour: Rgb;
  /** What the stand-in will call this image: the tone of its mean colour. */
  key: string;
  hash: string;
}

export interface Fixture {
  root: string;
  indexDir: string;
  ledgerPath: string;
  store: Store;
  images: FixtureImage[];
  cleanup(): void;
}

export async function solidImage(colour: Rgb, options: { width?: number; height?: number; format?: 'png' | 'jpeg' | 'webp' } = {}): Promise<Buffer> {
  const sharp = loadSharp();
  const image = sharp({ create: { width: options.width ?? 96, height: options.height ?? 64, channels: 3, background: colour } });
  if (options.format === 'jpeg') return image.jpeg().toBuffer();
  if (options.format === 'webp') return image.webp().toBuffer();
  return image.png().toBuffer();
}

export function openFixtureStore(indexDir: string): Store {
  return Store.open({ indexDir, dimensions: 100, modelName: 'bigbrain-test' });
}

/** Records a file and its asset in the index, as the scanner does. */
export function indexFile(store: Store, root: string, path: string): { assetId: number; hash: string } {
  const bytes = readFileSync(join(root, path));
  const hash = contentHash(bytes);
  const assetId = store.addAsset(hash, bytes.length, {
    width: 1,
    height: 1,
    format: 'png',
    hasAlpha: false,
    orientation: 'square',
    palette: [],
    dhash: '0000000000000000',
  });
  store.putFile({ path, assetId, size: bytes.length, mtimeMs: 0, error: null });
  return { assetId, hash };
}

export function writeFixtureFile(root: string, path: string, bytes: Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), bytes);
}

/** `count` images of distinct colours under `root`, named img-<i>.png in a few folders, all indexed. */
export async function createFixture(count: number, options: { offset?: number; prefix?: string } = {}): Promise<Fixture> {
  const root = mkdtempSync(join(tmpdir(), 'asset-lens-bigbrain-'));
  const indexDir = join(root, '.vscode', 'asset-lens');
  const store = openFixtureStore(indexDir);
  const images: FixtureImage[] = [];
  for (let i = 0; i < count; i++) {
    const colour = distinctColour(i + (options.offset ?? 0));
    const path = `${options.prefix ?? 'art'}/set-${i % 3}/img-${i}.png`;
    writeFixtureFile(root, path, await solidImage(colour));
    const { hash } = indexFile(store, root, path);
    images.push({ path, colour, key: toneKey(colour), hash });
  }
  return {
    root,
    indexDir,
    ledgerPath: join(indexDir, 'tags.jsonl'),
    store,
    images,
    cleanup() {
      store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Cloud options aimed at the stand-in, with delays small enough for tests. */
export function standinOptions(standin: GeminiStandin, overrides: Partial<CloudOptions> = {}): CloudOptions {
  return {
    enabled: true,
    apiKey: STANDIN_API_KEY,
    baseUrl: standin.baseUrl,
    maxConcurrency: 4,
    requestTimeoutMs: 2_000,
    backoffBaseMs: 20,
    backoffMaxMs: 200,
    batchPollMs: 20,
    ...overrides,
  };
}

export interface CloudRow {
  id: number;
  hash: string;
  cloud_state: string;
  cloud_error: string | null;
  cloud_attempts: number;
  caption: string | null;
  tokens_in: number;
  tokens_out: number;
}

export function cloudRow(store: Store, hash: string): CloudRow {
  return store.db.prepare<[string], CloudRow>('SELECT id, hash, cloud_state, cloud_error, cloud_attempts, caption, tokens_in, tokens_out FROM assets WHERE hash = ?').get(hash)!;
}

export function cloudTagTexts(store: Store, hash: string, field?: string): string[] {
  const row = cloudRow(store, hash);
  return store.tagsOf(row.id).filter((tag) => tag.source === 'cloud' && (!field || tag.field === field)).map((tag) => tag.text);
}

/** What one test of a stand-in suite works with: a fresh stand-in, its own fixture, and runs over both. */
export interface StandinFixture {
  standin: GeminiStandin;
  fixture: Fixture;
  /** One cloud run over the fixture against the stand-in: the suite's options, then `overrides`. */
  run(overrides?: Partial<CloudOptions>, extra?: Pick<CloudRunContext, 'signal' | 'onProgress' | 'onlyAssetIds' | 'force'>): Promise<CloudRunSummary>;
  /** The cloud_state of fixture image `index`. */
  stateOf(index: number): string;
  /** The cloud_state of every fixture image, in order. */
  states(): string[];
}

/**
 * For a describe block of BigBrain tests: starts a fresh Gemini stand-in before each test and, after it,
 * removes every fixture the test made with `create` and closes the stand-in, so no test sees another's
 * images, requests or faults. `suiteOptions` go into every run of the suite (e.g. `{ batch: true }`).
 */
export function useStandinFixture(suiteOptions: Partial<CloudOptions> = {}): {
  create(count: number, options?: { offset?: number; prefix?: string }): Promise<StandinFixture>;
} {
  let standin: GeminiStandin | undefined;
  const fixtures: Fixture[] = [];
  beforeEach(async () => {
    standin = await GeminiStandin.start();
  });
  afterEach(async () => {
    try {
      for (const fixture of fixtures.splice(0)) fixture.cleanup();
    } finally {
      await standin?.close();
      standin = undefined;
    }
  });
  return {
    async create(count, options = {}) {
      if (!standin) throw new Error('useStandinFixture: create() is for inside a test (the stand-in starts in beforeEach)');
      const current = standin;
      const fixture = await createFixture(count, options);
      fixtures.push(fixture);
      const stateOf = (index: number) => cloudRow(fixture.store, fixture.images[index]!.hash).cloud_state;
      return {
        standin: current,
        fixture,
        run: (overrides = {}, extra = {}) =>
          runCloudTagging({ store: fixture.store, root: fixture.root, options: standinOptions(current, { ...suiteOptions, ...overrides }), ledgerPath: fixture.ledgerPath, ...extra }),
        stateOf,
        states: () => fixture.images.map((_, index) => stateOf(index)),
      };
    },
  };
}
