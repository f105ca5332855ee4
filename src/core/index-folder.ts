// Where an index lives unless told otherwise: `.vscode/asset-lens` in the folder it indexes (the CLI's
// default and the extension's default `assetLens.indexDir`).
import { join } from 'node:path';

export const DEFAULT_INDEX_FOLDER = join('.vscode', 'asset-lens');

export function defaultIndexDir(root: string): string {
  return join(root, DEFAULT_INDEX_FOLDER);
}
