// Measures SmallBrain: model load time, single-query latency (p50 / p95 over 200 runs),
// batch throughput (batch 64 of ~30-word texts) and the size of the models/ folder.
//   node scripts/model-bench.mjs [modelDir]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadEmbedder } from '../src/core/smallbrain/load-embedder.ts';
import { findPackageRoot } from '../src/core/smallbrain/model-location.ts';

const WORDS = 'cat dog tree house car flower sun star heart music food ball bird fish boat cloud moon rain snow book pencil robot rocket castle dragon crown guitar clock camera gift'.split(' ');
/** Deterministic ~30-word texts drawn from WORDS. */
function sampleText(seed) {
  return Array.from({ length: 30 }, (_, i) => WORDS[(seed * 7 + i * 13 + ((seed * i) % 5)) % WORDS.length]).join(' ');
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function folderBytes(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

const loadStart = performance.now();
const embedder = await loadEmbedder(process.argv[2]);
const loadMs = performance.now() - loadStart;

const queries = ['red sports car', 'happy birthday', 'cat', 'christmas tree with presents', 'medical icon'];
for (let i = 0; i < 20; i++) await embedder.embed([queries[i % queries.length]]);
const latencies = [];
for (let i = 0; i < 200; i++) {
  const start = performance.now();
  await embedder.embed([queries[i % queries.length]]);
  latencies.push(performance.now() - start);
}
latencies.sort((a, b) => a - b);

const texts = Array.from({ length: 64 * 40 }, (_, i) => sampleText(i));
await embedder.embed(texts.slice(0, 64));
const batchStart = performance.now();
for (let i = 0; i < texts.length; i += 64) await embedder.embed(texts.slice(i, i + 64));
const textsPerSecond = texts.length / ((performance.now() - batchStart) / 1000);
await embedder.dispose();

console.log(JSON.stringify({
  model: embedder.name,
  loadMs: Math.round(loadMs),
  queryP50Ms: +percentile(latencies, 50).toFixed(3),
  queryP95Ms: +percentile(latencies, 95).toFixed(3),
  batch64TextsPerSecond: Math.round(textsPerSecond),
  modelsFolderMB: +(folderBytes(join(findPackageRoot(), 'models')) / 1e6).toFixed(2),
}, null, 2));
