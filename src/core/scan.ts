// Stage 1: walk the root and list the image files to index, honouring .gitignore and exclude globs.
import type { Stats } from 'node:fs';
import { lstat, opendir } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { containedPath, readUntrustedBytes } from './safe-fs.ts';

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'tif', 'tiff', 'svg', 'heic', 'heif'] as const;
const IMAGE_EXTENSION_SET = new Set<string>(IMAGE_EXTENSIONS);
/** Every image file, as a glob: lower and upper case (watcher globs and workspaceContains are case-sensitive on Linux). */
export const IMAGE_GLOB = extensionGlob(IMAGE_EXTENSIONS);

/** A watcher glob for these extensions in lower and upper case (watcher globs are case-sensitive on Linux). */
export function extensionGlob(extensions: readonly string[]): string {
  return `**/*.{${extensions.flatMap((ext) => [ext, ext.toUpperCase()]).join(',')}}`;
}
/** An image file name's extension, any case. */
export const IMAGE_EXTENSION_PATTERN = new RegExp(`\\.(${IMAGE_EXTENSIONS.join('|')})$`, 'i');
const ALWAYS_SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.hg', '.svn']);

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface ScannedFile {
  /** POSIX path relative to the root. */
  path: string;
  absolutePath: string;
  size: number;
  mtimeMs: number;
}

export interface ScanOptions {
  root: string;
  /** Folders never entered (absolute), e.g. the index folder. */
  skipDirectories?: string[];
  exclude?: string[];
  maxFileBytes?: number;
  /** Which files to list, by path; images by default (the reference scan lists text files). */
  accept?: (path: string) => boolean;
}

export interface ScanResult {
  files: ScannedFile[];
  /** Image files that were found but refused before reading, with the reason. */
  refused: { path: string; reason: string }[];
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

export function isImagePath(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot >= 0 && IMAGE_EXTENSION_SET.has(path.slice(dot + 1).toLowerCase());
}

/** Builds a predicate for user exclude globs, relative to the root (e.g. `**\/private/**`, `drafts/*.png`). */
export function globMatcher(globs: readonly string[] | undefined): (relativePath: string) => boolean {
  if (!globs || globs.length === 0) return () => false;
  return picomatch(globs as string[], { dot: true });
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

/** Sibling folders walked at once (their reads overlap in the thread pool); results are sorted after. */
const PARALLEL_FOLDERS = 4;

/** Bigger .gitignore files are not rules anyone wrote by hand; they are skipped. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/** A .gitignore that is a link, a FIFO, a device or huge is not read (git does not follow links to it either). */
async function readGitignore(directory: string): Promise<Ignore | null> {
  try {
    const text = await readUntrustedBytes(join(directory, '.gitignore'), MAX_GITIGNORE_BYTES, 'the .gitignore');
    return text ? ignore().add(text.toString('utf8')) : null;
  } catch {
    return null;
  }
}

function isIgnored(scopes: readonly IgnoreScope[], relativePath: string, isDirectory: boolean): boolean {
  for (const scope of scopes) {
    if (scope.base !== '' && !relativePath.startsWith(scope.base + '/')) continue;
    const local = scope.base === '' ? relativePath : relativePath.slice(scope.base.length + 1);
    if (scope.rules.ignores(isDirectory ? local + '/' : local)) return true;
  }
  return false;
}

/** Lists an image file, or refuses it when it is over the size cap. */
function admit(result: ScanResult, path: string, absolutePath: string, info: Stats, maxBytes: number): void {
  if (info.size > maxBytes) result.refused.push({ path, reason: `file is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} size cap` });
  else result.files.push({ path, absolutePath, size: info.size, mtimeMs: info.mtimeMs });
}

function unreadable(error: unknown): string {
  return `cannot read file: ${(error as NodeJS.ErrnoException).code ?? error}`;
}

export async function scanTree(options: ScanOptions): Promise<ScanResult> {
  return (await scanTreeFor(options, [options]))[0]!;
}

/** Which files one list of a shared walk takes (a file goes into every list whose kind accepts it, as separate walks would put it). */
export type ScanKind = Pick<ScanOptions, 'accept' | 'maxFileBytes'>;

/**
 * One walk, several lists: images and the reference scan's text files share the directory reads,
 * `.gitignore` parsing and exclude checks (`index` used to walk the tree once for each).
 */
export async function scanTreeFor(options: Omit<ScanOptions, 'accept' | 'maxFileBytes'>, kinds: readonly ScanKind[]): Promise<ScanResult[]> {
  const accepts = kinds.map((kind) => kind.accept ?? isImagePath);
  const maxBytes = kinds.map((kind) => kind.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const excluded = globMatcher(options.exclude);
  const skipped = new Set((options.skipDirectories ?? []).map((d) => toPosix(relative(options.root, d))));
  const results: ScanResult[] = kinds.map(() => ({ files: [], refused: [] }));

  async function walk(directory: string, relativeDirectory: string, scopes: IgnoreScope[]): Promise<void> {
    const own = await readGitignore(directory);
    const active = own ? [...scopes, { base: relativeDirectory, rules: own }] : scopes;
    let entries;
    try {
      entries = await opendir(directory);
    } catch (error) {
      for (const result of results) result.refused.push({ path: relativeDirectory || '.', reason: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? error}` });
      return;
    }
    const subdirectories: [string, string][] = [];
    const candidates: [string, string, number[]][] = [];
    for await (const entry of entries) {
      const relativePath = relativeDirectory ? `${relativeDirectory}/${entry.name}` : entry.name;
      const absolutePath = join(directory, entry.name);
      // Symbolic links are not followed: they are how loops and escapes from the root happen.
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRECTORIES.has(entry.name) || skipped.has(relativePath)) continue;
        if (isIgnored(active, relativePath, true) || excluded(relativePath + '/')) continue;
        subdirectories.push([absolutePath, relativePath]);
      } else if (entry.isFile()) {
        const lists = accepts.flatMap((accept, kind) => (accept(entry.name) ? [kind] : []));
        if (lists.length === 0 || isIgnored(active, relativePath, false) || excluded(relativePath)) continue;
        candidates.push([absolutePath, relativePath, lists]);
      }
    }
    // A folder's files are stat'ed together: one at a time, each waits a thread-pool round trip.
    await Promise.all(
      candidates.map(async ([absolutePath, relativePath, lists]) => {
        try {
          const info = await lstat(absolutePath);
          if (info.isFile()) for (const kind of lists) admit(results[kind]!, relativePath, absolutePath, info, maxBytes[kind]!);
        } catch (error) {
          for (const kind of lists) results[kind]!.refused.push({ path: relativePath, reason: unreadable(error) });
        }
      }),
    );
    for (let i = 0; i < subdirectories.length; i += PARALLEL_FOLDERS) {
      await Promise.all(subdirectories.slice(i, i + PARALLEL_FOLDERS).map(([absolutePath, relativePath]) => walk(absolutePath, relativePath, active)));
    }
  }

  await walk(options.root, '', []);
  for (const { files } of results) files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return results;
}

/** Like scanTree, for a few named files (a watcher event, a pull): the same rules, no walk. */
export async function scanPaths(options: ScanOptions, absolutePaths: readonly string[]): Promise<ScanResult & { missing: string[] }> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const accept = options.accept ?? isImagePath;
  const excluded = globMatcher(options.exclude);
  const skipped = (options.skipDirectories ?? []).map((d) => toPosix(relative(options.root, d)) + '/');
  const files: ScannedFile[] = [];
  const refused: ScanResult['refused'] = [];
  const missing: string[] = [];
  const gitignores = new Map<string, Ignore | null>();
  for (const absolutePath of new Set(absolutePaths)) {
    const relativePath = toPosix(relative(options.root, absolutePath));
    if (!relativePath || relativePath.startsWith('../') || relativePath === '..' || isAbsolute(relativePath)) continue;
    const segments = relativePath.split('/');
    if (!accept(relativePath) || segments.some((s) => ALWAYS_SKIPPED_DIRECTORIES.has(s))) continue;
    if (skipped.some((prefix) => relativePath.startsWith(prefix)) || excluded(relativePath)) continue;
    const scopes: IgnoreScope[] = [];
    for (let depth = 0; depth < segments.length; depth++) {
      const base = segments.slice(0, depth).join('/');
      if (!gitignores.has(base)) gitignores.set(base, await readGitignore(join(options.root, base)));
      const rules = gitignores.get(base);
      if (rules) scopes.push({ base, rules });
    }
    const ancestorIgnored = segments.slice(0, -1).some((_, i) => isIgnored(scopes, segments.slice(0, i + 1).join('/'), true));
    if (ancestorIgnored || isIgnored(scopes, relativePath, false)) continue;
    // A folder on the way may be a link: what it leads to is indexed only if it stays inside the root.
    if (!containedPath(options.root, relativePath)) continue;
    try {
      const info = await lstat(absolutePath);
      if (info.isFile()) admit({ files, refused }, relativePath, absolutePath, info, maxBytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') missing.push(relativePath);
      else refused.push({ path: relativePath, reason: unreadable(error) });
    }
  }
  return { files, refused, missing };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
