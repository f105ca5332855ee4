// `npm run bench` (full, ~30-40 min the first time, collections cached) and `npm run bench -- --quick`
// (one-minute smoke run for CI). Prints every target with pass/fail and always exits 0 when the run
// itself worked; a missed target is a finding, not a crash.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadEmbedder } from '../src/core/smallbrain/load-embedder.ts';
import { syntheticCollection } from './synthetic.ts';
import { RELEVANCE_HEADING } from './relevance-heading.ts';
import { benchSearch, type SearchBench } from './search-latency.ts';
import { benchIndexing, benchReindex, OPENCLIPART_PNG } from './indexing.ts';
import { benchReferences } from './references.ts';
import { evaluateTargets, latencySvg, readme, targetTable, sizeTable, type Activation, type Machine, type Results, type Rss } from './report.ts';

const quick = process.argv.includes('--quick');
/** `--sizes=50000,1000000`: only search latency at those sizes (full rounds), printed and saved in the cache, not in bench/. */
const onlySizes = process.argv.find((arg) => arg.startsWith('--sizes='))?.slice('--sizes='.length).split(',').map(Number);
const benchDir = new URL('.', import.meta.url).pathname;
const cacheDir = join(process.env.ASSET_LENS_CACHE ?? join(homedir(), '.cache', 'asset-lens'), 'bench');
mkdirSync(cacheDir, { recursive: true });
const plan = quick
  ? { sizes: [10_000, 50_000], rounds: 2, indexRoot: join(OPENCLIPART_PNG, 'animals'), sample: 40, reindexFiles: 2_000, textFiles: 2_000 }
  : { sizes: onlySizes ?? [10_000, 50_000, 200_000, 1_000_000], rounds: 5, indexRoot: OPENCLIPART_PNG, sample: 200, reindexFiles: 50_000, textFiles: 20_000 };
const log = (line: string) => console.log(line);
const nodeArgs = ['--no-warnings'];

function machine(): Machine {
  const info = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
  return {
    cpu,
    cores: cpus().length,
    ramGb: Math.round(totalmem() / 1024 ** 3),
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg(),
    loadAverageAtEnd: [],
  };
}

/** Runs a section; a failure is printed and recorded as "not measured" instead of ending the run. */
async function section<T>(name: string, work: () => Promise<T>): Promise<T | null> {
  log(`\n== ${name}`);
  const started = performance.now();
  try {
    const result = await work();
    log(`   (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    log(`   ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return null;
  }
}

function childJson<T>(script: string, args: string[]): T {
  const output = execFileSync(process.execPath, [...nodeArgs, join(benchDir, script), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(output.trim().split('\n').at(-1)!) as T;
}

const m = machine();
log(`Asset Lens bench (${quick ? 'quick' : 'full'}): ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB, Node ${m.node}, load ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(' ')}`);
const embedder = await loadEmbedder();
const search: SearchBench[] = [];
let rss: Rss | null = null;
for (const size of plan.sizes) {
  const result = await section(`search, ${size.toLocaleString('en')} assets`, async () => {
    const collection = await syntheticCollection(cacheDir, size, embedder, log);
    log(`  collection: ${collection.indexDir} (built: write ${collection.build.writeSeconds.toFixed(1)} s, embed ${collection.build.embedSeconds.toFixed(1)} s = ${Math.round(collection.build.textsPerSecond)} texts/s)`);
    const bench = await benchSearch(collection, embedder, plan.rounds, log);
    if (size === 50_000) {
      const measured = childJson<{ peakRssBytes: number }>('rss-child.ts', [collection.indexDir, '3']);
      rss = { size, peakRssBytes: measured.peakRssBytes };
      log(`  resident memory while searching: ${(measured.peakRssBytes / 1024 / 1024).toFixed(1)} MB`);
    }
    return bench;
  });
  if (result) search.push(result);
}
if (search.length > 0) log('\n' + sizeTable(search));
if (onlySizes) {
  writeFileSync(join(cacheDir, 'results-sizes.json'), JSON.stringify({ machine: { ...m, loadAverageAtEnd: loadavg() }, search, finishedAt: new Date().toISOString() }, null, 2) + '\n');
  log(`\nsearch latency only: results in ${join(cacheDir, 'results-sizes.json')}`);
  await embedder.dispose();
  process.exit(0);
}

const indexing = await section(`indexing real images (${plan.indexRoot})`, async () => {
  const result = await benchIndexing(plan.indexRoot, plan.sample, join(cacheDir, 'indexing-scratch'), embedder);
  log(`  ${result.images} images in ${result.seconds} s = ${result.imagesPerSecond} images/s, ${result.coresUsed} cores; per image: ${JSON.stringify(result.stageMsPerImage)}`);
  return result;
});

const reindex = await section(`re-index of an unchanged ${plan.reindexFiles.toLocaleString('en')}-file tree`, async () => {
  const result = await benchReindex(cacheDir, plan.reindexFiles, embedder, log);
  log(`  ${result.unchanged} unchanged files in ${result.unchangedReindexSeconds} s`);
  return result;
});

const references = await section(`reference scan of ${plan.textFiles.toLocaleString('en')} text files`, async () => {
  const result = await benchReferences(join(cacheDir, 'references-scratch'), plan.textFiles, embedder);
  log(
    `  ${result.files} files (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.references} references) in ${result.firstScanSeconds} s = ${result.textFilesPerSecond} files/s ` +
      `(${result.textFilesPerCpuSecond} per CPU-second, load ${result.loadAverage}); unchanged re-scan ${result.unchangedSeconds} s; ${result.edited} edited ${result.editedSeconds} s; unchanged index() ${result.unchangedIndexSeconds} s`,
  );
  return result;
});

const activation = await section('extension activation', async (): Promise<Activation> => {
  const extension = join(benchDir, '..', 'dist', 'extension.cjs');
  if (!existsSync(extension)) return { requireMs: NaN, activateMs: NaN, totalMs: NaN, nativesLoaded: [], error: 'dist/extension.cjs missing (run npm run build)' };
  try {
    const runs = Array.from({ length: 5 }, () => childJson<Activation>('activation-child.ts', [extension]));
    const best = runs.sort((a, b) => a.totalMs - b.totalMs)[Math.floor(runs.length / 2)]!;
    log(`  median of 5 fresh processes: require ${best.requireMs.toFixed(1)} ms + activate ${best.activateMs.toFixed(1)} ms; natives loaded: ${best.nativesLoaded.join(', ') || 'none'}`);
    return best;
  } catch (error) {
    return { requireMs: NaN, activateMs: NaN, totalMs: NaN, nativesLoaded: [], error: (error as Error).message.split('\n')[0]! };
  }
});
await embedder.dispose();

m.loadAverageAtEnd = loadavg();
const partial = { mode: quick ? ('quick' as const) : ('full' as const), machine: m, search, indexing, reindex, references, activation, rss };
const results: Results = { ...partial, finishedAt: new Date().toISOString(), targets: evaluateTargets(partial) };
log('\n' + targetTable(results.targets));
if (quick) {
  writeFileSync(join(cacheDir, 'results-quick.json'), JSON.stringify(results, null, 2) + '\n');
  log(`\nquick run: results in ${join(cacheDir, 'results-quick.json')} (bench/results.json is written by full runs only)`);
} else {
  writeFileSync(join(benchDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(benchDir, 'latency.svg'), latencySvg(search));
  const previous = readFileSync(join(benchDir, 'README.md'), 'utf8');
  const relevance = previous.includes(RELEVANCE_HEADING) ? `\n${previous.slice(previous.indexOf(RELEVANCE_HEADING))}` : '';
  writeFileSync(join(benchDir, 'README.md'), readme(results).trimEnd() + '\n' + relevance);
  log('\nwrote bench/results.json, bench/latency.svg, bench/README.md');
}
