// Finds the shipped models/ folder from source (src/core/smallbrain), the ESM CLI bundle and the CJS extension bundle.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_MODEL = 'glove-sif';

/** The directory of this module: esbuild empties import.meta in CJS output, where __dirname exists instead. */
function moduleDirectory(): string | undefined {
  if (typeof __dirname === 'string') return __dirname;
  const url: string | undefined = import.meta.url;
  return url ? dirname(fileURLToPath(url)) : undefined;
}

function isPackageRoot(dir: string): boolean {
  return existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'models'));
}

/** Walks up from `start` (default: this module's folder) to the first folder holding package.json and models/. */
export function findPackageRoot(start: string | undefined = moduleDirectory()): string {
  if (start === undefined) throw new Error('smallbrain: cannot tell where this module lives; pass a model directory');
  for (let dir = start; ; dir = dirname(dir)) {
    if (isPackageRoot(dir)) return dir;
    if (dirname(dir) === dir) throw new Error(`${start}: no package folder with a models/ directory above it`);
  }
}

/** ASSET_LENS_MODEL_DIR if set, else models/glove-sif under the package root. */
export function defaultModelDir(packageRoot?: string): string {
  const override = process.env.ASSET_LENS_MODEL_DIR;
  if (override) return override;
  return join(packageRoot ?? findPackageRoot(), 'models', DEFAULT_MODEL);
}
