// Which files a reference may name, most likely first. The first that exists is its target.
import { posix } from 'node:path';
import { isImagePath } from '../scan.ts';
import type { ReferenceContext } from './path-token.ts';
import type { ResolverConfig } from './resolver-config.ts';
import { ANY_FOLDER } from '../store/references.ts';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Where a reference's query or fragment starts (its length when none); the `#` of an alias (`#assets/…`) is the path's. */
function suffixStart(text: string, config: ResolverConfig): number {
  const from = text.startsWith('#') ? (config.aliases.find((a) => text.startsWith(a.prefix))?.prefix.length ?? 0) : 0;
  const at = text.slice(from).search(/[?#]/);
  return at < 0 ? text.length : from + at;
}

/** The path part of a reference: no query or fragment, percent-escapes decoded. */
function referencePathPart(text: string, config: ResolverConfig): string {
  const path = text.slice(0, suffixStart(text, config));
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Candidate files (POSIX, relative to the root) for a reference written in `file`, or null when it
 * names nothing in the repository (a URL, a data: URI, a package).
 */
export function candidatesFor(text: string, context: ReferenceContext, file: string, config: ResolverConfig): string[] | null {
  if (SCHEME.test(text) || text.startsWith('//')) return null;
  let path = referencePathPart(text, config).replace(/\\/g, '/');
  if (!isImagePath(path)) return null;
  // Webpack's `~` before an alias in styles (`url(~@/assets/a.png)`).
  if (path.startsWith('~') && config.aliases.some((a) => path.startsWith(a.prefix, 1))) path = path.slice(1);
  const directory = posix.dirname(file);
  const join = (base: string, rest: string) => posix.join(base, rest);
  let candidates: string[];
  const alias = config.aliases.find((a) => path.startsWith(a.prefix));
  if (alias) candidates = alias.targets.map((target) => join(target, path.slice(alias.prefix.length)));
  else if (path.startsWith('~')) return null; // `~pkg/…` in styles: a package in node_modules
  else if (path.startsWith('/')) candidates = config.publicRoots.map((root) => join(root, path.slice(1)));
  else if (path.startsWith('./') || path.startsWith('../')) candidates = [join(directory, path)];
  else if (context === 'module') {
    if (config.baseUrl === null) return null; // a bare import specifier is a package
    candidates = [join(config.baseUrl, path)];
  } else if (context === 'url') candidates = [join(directory, path)];
  else candidates = [join(directory, path), ...config.publicRoots.map((root) => join(root, path))];
  // A template helper looks in asset folders of its framework's own (app/assets/images/, app/static/, a
  // theme's assets/): last, any indexed image whose path ends with this one.
  if (context === 'template') candidates.push(ANY_FOLDER + posix.normalize(path).replace(/^(?:\.\.?\/|\/)+/, ''));
  const inside = [...new Set(candidates)].filter((c) => c !== '..' && !c.startsWith('../') && !c.startsWith('/'));
  return inside.length > 0 ? inside : null;
}

/** A candidate that names files by the end of their path (see ANY_FOLDER). */
export function isAnyFolderCandidate(candidate: string): boolean {
  return candidate.startsWith(ANY_FOLDER);
}

/**
 * A template helper's argument rewritten to name `target`: its last folders and name, as many as the
 * reference has (`images/old.png` → `images/new.png`), which the helper's lookup and ANY_FOLDER find;
 * a leading `/` or `./` and the query and fragment kept.
 */
export function rewriteTemplateReference(text: string, target: string, config: ResolverConfig): string {
  const suffix = text.slice(suffixStart(text, config));
  const path = text.slice(0, text.length - suffix.length);
  const lead = /^(?:\.\/|\/)*/.exec(path)![0];
  const segments = path.slice(lead.length).split('/').length;
  return lead + target.split('/').slice(-segments).join('/') + suffix;
}

/**
 * The reference text that names `target` the way `text` named `candidate` (same public root, alias or
 * relative style; query and fragment kept): what a quick fix writes after a rename.
 */
export function rewriteReference(text: string, candidate: string, target: string, file: string, config: ResolverConfig): string {
  const suffix = text.slice(suffixStart(text, config));
  const path = text.slice(0, text.length - suffix.length);
  const under = (folder: string) => folder === '' || target.startsWith(folder);
  const alias = config.aliases.find((a) => path.startsWith(a.prefix));
  if (alias) {
    const folder = alias.targets.find((t) => candidate.startsWith(t) && under(t));
    if (folder !== undefined) return alias.prefix + target.slice(folder.length) + suffix;
  }
  if (path.startsWith('/')) {
    const root = config.publicRoots.find((r) => candidate === posix.join(r, path.slice(1)) && under(r));
    if (root !== undefined) return '/' + target.slice(root.length) + suffix;
  }
  let relative = posix.relative(posix.dirname(file), target);
  if (path.startsWith('./') && !relative.startsWith('../')) relative = './' + relative;
  return relative + suffix;
}
