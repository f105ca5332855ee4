// Where root-relative and aliased paths point: public roots (configurable) and tsconfig/jsconfig `paths`
// (with their `extends` chain, read by tsconfig.ts).
import { posix } from 'node:path';
import { normaliseFolder, readPathOptions } from './tsconfig.ts';

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

/** Aliases from the root's tsconfig.json and jsconfig.json, `extends` followed; problems are reported via onError and add nothing. */
export function loadResolverConfig(root: string, publicRoots: readonly string[] = DEFAULT_PUBLIC_ROOTS, onError: (message: string) => void = () => {}): ResolverConfig {
  const config: ResolverConfig = { publicRoots: publicRoots.map(normaliseFolder), aliases: [], baseUrl: null };
  for (const name of CONFIG_FILES) {
    const options = readPathOptions(root, name, onError);
    if (!options) continue;
    const baseUrl = options.baseUrl ?? null;
    config.baseUrl ??= baseUrl;
    // Targets are relative to baseUrl when there is one, else to the file that set `paths`.
    const from = baseUrl ?? options.paths?.folder ?? '';
    for (const [pattern, targets] of Object.entries(options.paths?.entries ?? {})) {
      // Only the simple `prefix/*` → `folder/*` form; exact and mid-pattern wildcards are left alone.
      if (!pattern.endsWith('*') || pattern.indexOf('*') !== pattern.length - 1 || !Array.isArray(targets)) continue;
      const folders = targets
        .filter((t): t is string => typeof t === 'string' && t.endsWith('*') && t.indexOf('*') === t.length - 1)
        .map((t) => normaliseFolder(posix.join(from, t.slice(0, -1))));
      if (folders.length > 0 && !config.aliases.some((a) => a.prefix === pattern.slice(0, -1))) config.aliases.push({ prefix: pattern.slice(0, -1), targets: folders });
    }
  }
  config.aliases.sort((a, b) => b.prefix.length - a.prefix.length);
  return config;
}
