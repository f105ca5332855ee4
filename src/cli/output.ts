// How the CLI talks: JSON or plain lines on stdout, progress and errors on stderr.
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { AssetLens } from '../core/engine.ts';

export interface CommonOptions {
  indexDir?: string;
  json?: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** Fatal errors: one line naming what failed, exit 1. */
export function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`asset-lens: ${message.split('\n')[0]}\n`);
  process.exit(1);
}

export async function openRoot(root: string, options: CommonOptions): Promise<AssetLens> {
  const absolute = resolve(root);
  let isDirectory = false;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDirectory) throw new Error(`${root}: not a folder`);
  return AssetLens.open({ root: absolute, indexDir: options.indexDir ? resolve(options.indexDir) : undefined });
}
