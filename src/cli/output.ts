// How the CLI talks: JSON or plain lines on stdout, progress and errors on stderr.
import { join, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { AssetLens, defaultIndexDir, type CloudOptions } from '../core/engine.ts';

export interface CommonOptions {
  indexDir?: string;
  json?: boolean;
  /** Folders a root-relative reference (`/img/a.png`) may mean. */
  publicRoot?: string[];
}

export interface CloudCliOptions {
  /** commander turns --no-cloud into cloud: false. */
  cloud?: boolean;
  geminiBaseUrl?: string;
  model?: string;
  cloudExclude?: string[];
  maxImages?: number;
  batch?: boolean;
}

/** Cloud settings from flags and the environment; the API key only ever comes from GEMINI_API_KEY. */
export function cloudOptionsFrom(options: CloudCliOptions, env: NodeJS.ProcessEnv = process.env): CloudOptions {
  return {
    enabled: options.cloud !== false,
    apiKey: env.GEMINI_API_KEY || undefined,
    model: options.model ?? env.ASSET_LENS_GEMINI_MODEL,
    baseUrl: options.geminiBaseUrl ?? env.ASSET_LENS_GEMINI_BASE_URL,
    exclude: options.cloudExclude,
    maxImagesPerRun: options.maxImages,
    batch: options.batch,
  };
}

/**
 * Plain output shows paths and tags that a repository chose: control characters (terminal escape
 * sequences, a newline that would forge a line) and bidi/format characters are shown as \u{…} escapes.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (character) => `\\u{${character.codePointAt(0)!.toString(16)}}`);
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** A problem that does not stop the run: one line on stderr. */
export function warn(message: string): void {
  process.stderr.write(`asset-lens: ${message}\n`);
}

/** Fatal errors: one line naming what failed, exit 1. */
export function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`asset-lens: ${escapeControl(message.split('\n')[0]!)}\n`);
  process.exit(1);
}

export async function openRoot(root: string, options: CommonOptions & { exclude?: string[] }, cloud?: CloudOptions): Promise<AssetLens> {
  const absolute = resolve(root);
  let isDirectory = false;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDirectory) throw new Error(`${root}: not a folder`);
  return AssetLens.open({
    root: absolute,
    indexDir: options.indexDir ? resolve(options.indexDir) : undefined,
    exclude: options.exclude,
    cloud,
    publicRoots: options.publicRoot,
    onNotice: (message) => process.stderr.write(`asset-lens: ${escapeControl(message)}\n`),
  });
}

/** Opens the existing index of a root, runs one command against it, and always closes it. */
export async function withRoot<T>(root: string, options: CommonOptions & { exclude?: string[] }, work: (lens: AssetLens) => Promise<T> | T, cloud?: CloudOptions): Promise<T> {
  const indexDir = options.indexDir ? resolve(options.indexDir) : defaultIndexDir(resolve(root));
  if (statSync(resolve(root), { throwIfNoEntry: false })?.isDirectory() && !existsSync(join(indexDir, 'index.db'))) {
    throw new Error(`${root}: not indexed yet (no ${join(indexDir, 'index.db')}); run "asset-lens index ${root}" first`);
  }
  const lens = await openRoot(root, options, cloud);
  try {
    await lens.rebuildIfHealed();
    return await work(lens);
  } finally {
    lens.close();
  }
}
