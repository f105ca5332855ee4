// Run in a fresh process: opens a collection the way the CLI or the extension would and searches it,
// so the resident memory it prints is the engine's alone. Prints one JSON line.
import { AssetLens } from '../src/core/engine.ts';
import { FILTERED_QUERIES, PLAIN_QUERIES } from './search-latency.ts';

const indexDir = process.argv[2]!;
const rounds = Number(process.argv[3] ?? 3);
const lens = await AssetLens.open({ root: indexDir, indexDir });
let peak = 0;
for (let round = 0; round < rounds; round++) {
  for (const query of [...PLAIN_QUERIES, ...FILTERED_QUERIES]) {
    await lens.search(query);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
}
const { heapUsed, external, arrayBuffers } = process.memoryUsage();
console.log(JSON.stringify({ peakRssBytes: peak, maxRssBytes: process.resourceUsage().maxRSS * 1024, heapUsed, external, arrayBuffers }));
lens.close();
