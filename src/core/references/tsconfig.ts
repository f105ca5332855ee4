// A tsconfig.json / jsconfig.json with its `extends` chain (relative files and packages in
// node_modules), reduced to the two options the resolver needs: `baseUrl` and `paths`. The repository
// is untrusted: nothing outside the root is read (links included), each file is size-capped, the chain
// is depth-capped and a cycle stops it.
import { posix } from 'node:path';
import { containedPath, readUntrustedBytesSync, UnsafePathError } from '../safe-fs.ts';
import { stringLiterals } from './script.ts';

/** A tsconfig.json is a few KB; a bigger one (or a link, a FIFO, a device) is not read. */
const MAX_CONFIG_BYTES = 1024 * 1024;
/** Real chains are two or three deep (app → framework preset → base). */
export const MAX_EXTENDS_DEPTH = 8;
/** Files one config may pull in through all its bases together (depth alone does not bound an `extends` array). */
export const MAX_EXTENDED_FILES = 32;

export interface PathOptions {
  /** compilerOptions.baseUrl as a folder relative to the root (POSIX, '' or ending in `/`). */
  baseUrl?: string;
  /** compilerOptions.paths, and the folder of the file that set them (targets are relative to it without baseUrl). */
  paths?: { entries: Record<string, unknown>; folder: string };
}

/** JSON with comments and trailing commas (tsconfig's dialect) → a value; comments inside strings are kept. */
export function parseJsonc(text: string): unknown {
  const strings = stringLiterals(text);
  let plain = '';
  let from = 0;
  const keep = (to: number) => {
    plain += text.slice(from, to).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  };
  for (const { start, value } of strings) {
    if (text[start - 1] !== '"') continue;
    keep(start - 1);
    plain += text.slice(start - 1, start + value.length + 1);
    from = start + value.length + 1;
  }
  keep(text.length);
  return JSON.parse(plain.replace(/,(\s*[}\]])/g, '$1'));
}

export function normaliseFolder(folder: string): string {
  const clean = posix.normalize(folder.replace(/\\/g, '/')).replace(/^\.\/?$/, '').replace(/^\.\//, '');
  return clean === '' || clean.endsWith('/') ? clean : clean + '/';
}

/** The bytes of a file under the root, or null when it does not exist; throws when it may not be read. */
function readInside(root: string, path: string): string | null {
  if (path === '..' || path.startsWith('../') || posix.isAbsolute(path)) throw new Error('lies outside the workspace');
  const absolute = containedPath(root, path);
  if (!absolute) throw new Error('leads outside the workspace');
  try {
    const bytes = readUntrustedBytesSync(absolute, MAX_CONFIG_BYTES, 'the file');
    return bytes ? bytes.toString('utf8') : null;
  } catch (error) {
    throw error instanceof UnsafePathError ? new Error(error.reason) : error;
  }
}

/** Files `extends` may name, in the order TypeScript tries them, relative to the root. */
function extendsCandidates(from: string, spec: string): string[] {
  if (posix.isAbsolute(spec) || /^[a-z]:[\\/]/i.test(spec)) return [spec];
  if (spec.startsWith('./') || spec.startsWith('../')) {
    const path = posix.join(posix.dirname(from), spec);
    return path.endsWith('.json') ? [path] : [path, path + '.json'];
  }
  // A package: node_modules of the config's folder and each parent up to the root (never above it).
  const candidates: string[] = [];
  const packageRoot = /^(?:@[^/]+\/)?[^/]+$/.test(spec);
  for (let folder = posix.dirname(from); ; folder = posix.dirname(folder)) {
    const base = posix.join(folder, 'node_modules', spec);
    if (spec.endsWith('.json')) candidates.push(base);
    else {
      if (!packageRoot) candidates.push(base + '.json');
      else candidates.push(posix.join(base, 'package.json#tsconfig'));
      candidates.push(posix.join(base, 'tsconfig.json'));
    }
    if (folder === '.' || folder === '') break;
  }
  return candidates.map((c) => posix.normalize(c));
}

/** The file `extends` names, or null (reported) when none of its candidates can be read. */
function findExtended(root: string, from: string, spec: string, onError: (message: string) => void): { path: string; text: string } | null {
  for (const candidate of extendsCandidates(from, spec)) {
    try {
      if (candidate.endsWith('#tsconfig')) {
        const manifest = readInside(root, candidate.slice(0, -'#tsconfig'.length));
        const field = manifest === null ? undefined : (JSON.parse(manifest) as { tsconfig?: unknown }).tsconfig;
        if (typeof field !== 'string') continue;
        const path = posix.join(posix.dirname(candidate), field);
        const text = readInside(root, path);
        if (text !== null) return { path, text };
      } else {
        const text = readInside(root, candidate);
        if (text !== null) return { path: candidate, text };
      }
    } catch (error) {
      onError(`${from}: extends "${spec}": ${candidate.replace(/#tsconfig$/, '')} ${(error as Error).message.split('\n')[0]}; not followed`);
      return null;
    }
  }
  onError(`${from}: extends "${spec}": not found in the workspace; not followed`);
  return null;
}

/**
 * `baseUrl` and `paths` of the config at `path` (relative to the root) after its `extends` chain:
 * own options win over extended ones, and of several extended files the later wins, as in TypeScript.
 * Returns null when the file does not exist; problems are reported through onError and skipped.
 */
export function readPathOptions(
  root: string,
  path: string,
  onError: (message: string) => void,
  extended?: { text: string; chain: readonly string[]; budget: { files: number } },
): PathOptions | null {
  let source = extended?.text;
  const budget = extended?.budget ?? { files: MAX_EXTENDED_FILES };
  try {
    source ??= readInside(root, path) ?? undefined;
  } catch (error) {
    onError(`${path}: ${(error as Error).message.split('\n')[0]}; its path aliases are ignored`);
    return null;
  }
  if (source === undefined) return null;
  let parsed: { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  try {
    parsed = (parseJsonc(source) ?? {}) as typeof parsed;
  } catch (error) {
    onError(`${path}: not valid JSON (${(error as Error).message}); its path aliases are ignored`);
    return null;
  }
  const chain = [...(extended?.chain ?? []), path];
  let options: PathOptions = {};
  const bases = typeof parsed.extends === 'string' ? [parsed.extends] : Array.isArray(parsed.extends) ? parsed.extends : [];
  for (const spec of bases) {
    if (typeof spec !== 'string' || spec === '') continue;
    if (chain.length > MAX_EXTENDS_DEPTH) {
      onError(`${path}: extends "${spec}": more than ${MAX_EXTENDS_DEPTH} files deep; not followed`);
      continue;
    }
    if (budget.files <= 0) {
      onError(`${path}: extends "${spec}" and what follows: more than ${MAX_EXTENDED_FILES} extended files in all; not followed`);
      break;
    }
    budget.files--;
    const found = findExtended(root, path, spec, onError);
    if (!found) continue;
    if (chain.includes(found.path)) {
      onError(`${path}: extends "${spec}": ${found.path} extends itself through ${chain.join(' → ')}; not followed again`);
      continue;
    }
    const base = readPathOptions(root, found.path, onError, { text: found.text, chain, budget });
    if (base) options = { ...options, ...base };
  }
  const own = parsed.compilerOptions;
  const folder = posix.dirname(path) === '.' ? '' : posix.dirname(path);
  if (typeof own?.baseUrl === 'string') options.baseUrl = normaliseFolder(posix.join(folder, own.baseUrl));
  if (own?.paths && typeof own.paths === 'object' && !Array.isArray(own.paths)) options.paths = { entries: own.paths as Record<string, unknown>, folder };
  return options;
}
