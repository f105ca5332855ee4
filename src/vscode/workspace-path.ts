import * as nodePath from 'node:path';

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Resolves `candidate` against `base` and returns the absolute path only if it lies inside one of
 * `roots` (the root itself counts). Anything else — `..` escapes, absolute paths elsewhere, sibling
 * folders sharing a prefix such as `/ws-evil` next to `/ws` — gives null.
 * Purely lexical: symlinks are not followed.
 */
export function resolveInsideWorkspace(
  candidate: string,
  base: string,
  roots: readonly string[],
  path: PathApi = nodePath,
): string | null {
  if (candidate.includes('\0')) return null;
  const resolved = path.resolve(base, candidate);
  for (const root of roots) {
    const relative = path.relative(path.resolve(root), resolved);
    const escapes = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
    if (!escapes) return resolved;
  }
  return null;
}
