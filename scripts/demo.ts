// npm run demo: indexes the bundled sample images with the CLI, searches them, and times it all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetLens } from '../src/core/engine.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const samples = join(repo, 'samples');
const work = mkdtempSync(join(tmpdir(), 'asset-lens-demo-'));
const indexDir = join(work, 'index');
const cli = (args: string[]) => {
  console.log(`\n$ asset-lens ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(repo, 'dist/cli.mjs'), ...args, '--index-dir', indexDir], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`  (${(performance.now() - started).toFixed(0)} ms, whole process)`);
};

const queries = ['a bird', 'something to drink', 'sports', 'flower', 'weather', 'ext:png food', 'color:red', 'music'];
try {
  cli(['index', 'samples']);
  cli(['index', 'samples']);
  const queryFile = join(work, 'queries.txt');
  writeFileSync(queryFile, queries.join('\n'));
  cli(['search', 'samples', '--queries-file', queryFile, '--limit', '3']);
  cli(['similar', 'samples', 'png/food/burrito_ganson.png', '--limit', '3']);

  const lens = await AssetLens.open({ root: samples, indexDir });
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const query of queries) {
      const started = performance.now();
      await lens.search(query, { limit: 20 });
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(`\nin-process search over ${lens.status().assets} images, ${times.length} queries: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`);
  lens.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
