// Broken references: none of their candidates is an image file (indexed, or on disk but not indexed,
// e.g. excluded), each with a suggested target and the text that would name it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/index.ts';
import { unresolvedReferences } from '../store/references.ts';
import { GitHistory } from './git-history.ts';
import { suggestTarget } from './suggest.ts';
import { isAnyFolderCandidate, rewriteReference, rewriteTemplateReference } from './resolve.ts';
import { loadResolverConfig } from './resolver-config.ts';

export interface BrokenReference {
  file: string;
  line: number;
  column: number;
  /** The path as written. */
  reference: string;
  /** The image it most likely meant (POSIX, relative to the root), or null. */
  suggestion: string | null;
  /** The reference rewritten to name the suggestion in the same style, or null. */
  replacement: string | null;
}

export async function brokenReferences(store: Store, root: string, publicRoots: readonly string[] | undefined, file?: string): Promise<BrokenReference[]> {
  const rows = unresolvedReferences(store.db, file)
    .map((row) => ({ ...row, template: row.candidates.some(isAnyFolderCandidate), candidates: row.candidates.filter((c) => !isAnyFolderCandidate(c)) }))
    .filter((row) => !row.candidates.some((c) => existsSync(join(root, c))));
  if (rows.length === 0) return [];
  const config = loadResolverConfig(root, publicRoots);
  const imagePaths = store.allFiles().map((f) => f.path);
  const sources = {
    history: new GitHistory(root),
    pathsWithHash: (hash: string) => {
      const asset = store.assetByHash(hash);
      return asset ? store.pathsOf(asset.id) : [];
    },
    imagePaths,
  };
  const suggestions = new Map<string, Promise<string | null>>();
  const broken: BrokenReference[] = [];
  for (const row of rows) {
    const key = row.candidates.join('\0');
    if (!suggestions.has(key)) suggestions.set(key, suggestTarget(row.candidates, sources));
    const suggestion = await suggestions.get(key)!;
    broken.push({
      file: row.file,
      line: row.line,
      column: row.column,
      reference: row.text,
      suggestion,
      replacement: !suggestion ? null : row.template ? rewriteTemplateReference(row.text, suggestion, config) : rewriteReference(row.text, row.candidates[0]!, suggestion, row.file, config),
    });
  }
  return broken;
}
