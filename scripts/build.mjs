// Bundles the CLI (ESM), the extension (CommonJS, as VS Code loads it) and the gallery webview.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const natives = ['better-sqlite3', 'sqlite-vec', 'sharp', 'onnxruntime-node'];
// Core modules locate files from import.meta.url; give the CommonJS bundles the same value.
const commonJs = {
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};
/**
 * The extension loads the engine (and with it the Gemini SDK, ~1.7 MB of the 2.7 MB) on first use, from
 * a bundle of its own: activation then parses only the extension's code. Its `import()` of the engine
 * becomes a require of dist/engine.cjs.
 */
const engineApart = {
  name: 'engine-apart',
  setup(build) {
    build.onResolve({ filter: /\/core\/engine\.ts$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './engine.cjs', external: true } : undefined));
  },
};
const watch = process.argv.includes('--watch');

const builds = [
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.mjs',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    define: { __ASSET_LENS_VERSION__: JSON.stringify(version) },
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  },
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.cjs',
    ...commonJs,
    external: ['vscode', ...natives],
    plugins: [engineApart],
    supported: { 'dynamic-import': false },
  },
  {
    entryPoints: ['src/core/engine.ts'],
    outfile: 'dist/engine.cjs',
    ...commonJs,
    external: natives,
  },
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  },
].filter((b) => existsSync(b.entryPoints[0]));

const common = { bundle: true, sourcemap: true, logLevel: 'warning', minify: !watch && process.env.ASSET_LENS_MINIFY === '1' };
if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  // Every output goes in under a temporary name and a rename, so a build running at the same time (two
  // packagings, a packaging and a test run) never reads or copies a half-written bundle.
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b, write: false })));
  for (const file of results.flatMap((result) => result.outputFiles)) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}
