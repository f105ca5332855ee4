// Native modules load on first use, never at import time, so the VS Code extension activates cheaply
// and an incompatible host gets one clear error instead of a crash.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type * as SqliteVec from 'sqlite-vec';
import type Sharp from 'sharp';
import type * as Ort from 'onnxruntime-node';

const requireFromHere = createRequire(import.meta.url);

/** Node-API 10 is what better-sqlite3 13 needs (Node >= 22, VS Code >= 1.101); older hosts crash on load. */
export const REQUIRED_NAPI_VERSION = 10;

export function assertNativeSupport(versions: NodeJS.ProcessVersions = process.versions): void {
  const napi = Number(versions.napi ?? 0);
  if (!(napi >= REQUIRED_NAPI_VERSION)) {
    throw new Error(
      `Asset Lens needs Node-API ${REQUIRED_NAPI_VERSION}+ (Node >= 22 or VS Code >= 1.101); this runtime has Node ${versions.node} with Node-API ${versions.napi ?? 'unknown'}`,
    );
  }
}

export interface Natives {
  Database: typeof BetterSqlite3;
  sqliteVec: typeof SqliteVec;
}

/** A loader that checks Node-API support and requires the module on its first call only. */
function lazyNative<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      assertNativeSupport();
      loaded = load();
    }
    return loaded;
  };
}

export const loadNatives = lazyNative<Natives>(() => ({
  Database: requireFromHere('better-sqlite3') as typeof BetterSqlite3,
  sqliteVec: requireFromHere('sqlite-vec') as typeof SqliteVec,
}));

export const loadSharp = lazyNative(() => {
  const sharp = requireFromHere('sharp') as typeof Sharp;
  sharp.cache(false);
  return sharp;
});

export const loadOnnxRuntime = lazyNative(() => requireFromHere('onnxruntime-node') as typeof Ort);
