// Where root-relative and aliased paths point: public roots (configurable) and tsconfig/jsconfig `paths`.
import { join, posix } from 'node:path';
import { readUntrustedBytesSync } from '../safe-fs.ts';
import { stringLiterals } from './script.ts';

/** A tsconfig.json is a few KB; a bigger one (or a link, a FIFO, a device) is not read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Folders a leading `/` may mean (served as the site root), in order; '' is the repository root. */
export const DEFAULT_PUBLIC_ROOTS = ['public', 'static', ''];

export interface Alias {
  /** e.g. `@/` */
  prefix: string;
  /** Folders (POSIX, relative to the root) the prefix stands for, e.g. `src/`. */
  targets: string[];
}

export interface ResolverConfig {
  publicRoots: string[];
  aliases: Alias[];
  /** compilerOptions.baseUrl, relative to the root, or null. */
  baseUrl: string | null;
}

const CONFIG_FILES = ['tsconfig.json', 'jsconfig.json'];

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

function normaliseFolder(folder: string): string {
  const clean = posix.normalize(folder.replace(/\\/g, '/')).replace(/^\.\/?$/, '').replace(/^\.\//, '');
  return clean === '' || clean.endsWith('/') ? clean : clean + '/';
}

/** Reads aliases from the root's tsconfig.json or jsconfig.json; a file that cannot be read adds none (reported via onError). */
export function loadResolverConfig(root: string, publicRoots: readonly string[] = DEFAULT_PUBLIC_ROOTS, onError?: (message: string) => void): ResolverConfig {
  const config: ResolverConfig = { publicRoots: publicRoots.map(normaliseFolder), aliases: [], baseUrl: null };
  for (const name of CONFIG_FILES) {
    let text: string;
    try {
      const bytes = readUntrustedBytesSync(join(root, name), MAX_CONFIG_BYTES, name);
      if (!bytes) continue;
      text = bytes.toString('utf8');
    } catch (error) {
      onError?.(`${(error as Error).message.split('\n')[0]}; its path aliases are ignored`);
      continue;
    }
    let options: { baseUrl?: unknown; paths?: unknown } | undefined;
    try {
      options = (parseJsonc(text) as { compilerOptions?: typeof options }).compilerOptions;
    } catch (error) {
      onError?.(`${name}: not valid JSON (${(error as Error).message}); its path aliases are ignored`);
      continue;
    }
    const baseUrl = typeof options?.baseUrl === 'string' ? normaliseFolder(options.baseUrl) : null;
    config.baseUrl ??= baseUrl;
    const paths = options?.paths && typeof options.paths === 'object' ? (options.paths as Record<string, unknown>) : {};
    for (const [pattern, targets] of Object.entries(paths)) {
      // Only the simple `prefix/*` → `folder/*` form; exact and mid-pattern wildcards are left alone.
      if (!pattern.endsWith('*') || pattern.indexOf('*') !== pattern.length - 1 || !Array.isArray(targets)) continue;
      const folders = targets
        .filter((t): t is string => typeof t === 'string' && t.endsWith('*') && t.indexOf('*') === t.length - 1)
        .map((t) => normaliseFolder(posix.join(baseUrl ?? '', t.slice(0, -1))));
      if (folders.length > 0 && !config.aliases.some((a) => a.prefix === pattern.slice(0, -1))) config.aliases.push({ prefix: pattern.slice(0, -1), targets: folders });
    }
  }
  config.aliases.sort((a, b) => b.prefix.length - a.prefix.length);
  return config;
}
