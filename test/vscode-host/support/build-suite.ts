// Bundles the in-host suite (suite/index.ts and suite/*.test.ts) into CommonJS files in `outDir`, as
// the extension host loads them. Mocha goes into index.js; `vscode` is the host's own module.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const SUITE_DIR = resolve(import.meta.dirname, '..', 'suite');

/** Bundles the suite and returns the path of its entry (the extensionTestsPath). */
export async function buildSuite(outDir: string): Promise<string> {
  const tests = readdirSync(SUITE_DIR).filter((file) => file.endsWith('.test.ts'));
  await esbuild.build({
    entryPoints: [join(SUITE_DIR, 'index.ts'), ...tests.map((file) => join(SUITE_DIR, file))],
    outdir: outDir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return join(outDir, 'index.js');
}
