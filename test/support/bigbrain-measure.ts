// Measures BigBrain through the stand-in with faults on: images/s, requests per image, bytes per
// request, tokens per image. Run: node test/support/bigbrain-measure.ts [images]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCloudTagging } from '../../src/core/bigbrain/index.ts';
import { loadSharp } from '../../src/core/natives.ts';
import { GeminiStandin, distinctColour } from './gemini-standin.ts';
import { indexFile, openFixtureStore, standinOptions, writeFixtureFile } from './bigbrain-fixture.ts';
const sharp = loadSharp();
const standin = await GeminiStandin.start();
const root = mkdtempSync(join(tmpdir(), 'measure-'));
const store = openFixtureStore(join(root, '.vscode/asset-lens'));
const N = Number(process.argv[2] ?? 200);
for (let i = 0; i < N; i++) {
  const c = distinctColour(i);
  // A photo-sized JPEG: the image's colour with grain coarse enough to survive the downscale.
  const grain = { width: 600, height: 400, channels: 3 as const, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian' as const, mean: 0, sigma: 20 } };
  const noise = await sharp({ create: grain }).resize(3000, 2000).png().toBuffer();
  const img = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: c } }).composite([{ input: noise, blend: 'add' }]).jpeg({ quality: 90 }).toBuffer();
  writeFixtureFile(root, `p/${i}.jpg`, img);
  indexFile(store, root, `p/${i}.jpg`);
}
let n = 0;
const kinds = ['rate-limit', 'unavailable', 'slow', 'truncated', 'safety'] as const;
standin.fault = (r) => {
  n++;
  if (r.attempt > 1) return undefined;
  if (n % 10 !== 0) return undefined; // 10% of first tries fail, cycling through the kinds
  const k = kinds[(n / 10) % kinds.length]!;
  if (k === 'rate-limit') return { kind: k, retryDelay: '0.5s' };
  if (k === 'slow') return { kind: 'slow', ms: 3000 };
  return { kind: k };
};
const t = performance.now();
const s = await runCloudTagging({ store, root, options: standinOptions(standin, { maxConcurrency: 8, requestTimeoutMs: 1000, backoffBaseMs: 250, backoffMaxMs: 2000 }), ledgerPath: join(root, 'tags.jsonl') });
const sec = (performance.now() - t) / 1000;
const reqs = standin.generateRequests();
console.log(JSON.stringify(s));
console.log(`${N} images in ${sec.toFixed(2)} s = ${(N / sec).toFixed(1)} images/s; ${reqs.length} requests = ${(reqs.length / N).toFixed(3)} requests/image; body ${Math.round(reqs.reduce((a, r) => a + r.bodyBytes, 0) / reqs.length)} B/request, image ${Math.round(reqs.reduce((a, r) => a + r.imageBytes, 0) / reqs.length)} B/request; tokens in/out per image ${(s.tokensIn / s.done).toFixed(0)}/${(s.tokensOut / s.done).toFixed(0)}`);
store.close(); rmSync(root, { recursive: true, force: true }); await standin.close();
