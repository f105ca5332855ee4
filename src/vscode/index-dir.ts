import * as path from 'node:path';
import { DEFAULT_INDEX_FOLDER } from '../core/index-folder.ts';

/**
 * Where a workspace folder's index lives. The `assetLens.indexDir` setting is relative to each
 * folder; an absolute setting is shared, so each folder gets its own subfolder named after it.
 */
export function indexDirFor(setting: string | undefined, folderRoot: string, folderName: string): string {
  const chosen = setting?.trim() || DEFAULT_INDEX_FOLDER;
  if (!path.isAbsolute(chosen)) return path.resolve(folderRoot, chosen);
  return path.join(chosen, folderName.replace(/[\\/:*?"<>|]/g, '_'));
}
