// Held-out relevance check over real clip-art (Debian's openclipart-svg), with the files renamed to
// their hashes so only what the index holds carries meaning, and no cloud. Four query sets (category
// names, paraphrases, designers' descriptions in a tuning and a held-out half; bench/relevance-queries.ts),
// three modes, two shapes of index: the files' embedded metadata, and cloud-shaped tags derived from it
// (bench/cloud-shape.ts). Prints precision@10 and nDCG@10.
// Run: node bench/relevance.ts [--full] [--json] [--verbose] [--readme (per-query figures into bench/README.md)] [--report=saved.json]
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { AssetLens } from '../src/core/engine.ts';
import { contentHash } from '../src/core/hash.ts';
import type { SearchMode } from '../src/core/types.ts';
import { cloudTagsToTags } from '../src/core/bigbrain/prompt-and-schema.ts';
import { cloudShapedTags } from './cloud-shape.ts';
import { RELEVANCE_HEADING } from './relevance-heading.ts';
import { CATEGORY_QUERIES, QUERY_SETS, querySetsFor, type QuerySetName } from './relevance-queries.ts';

const SOURCE = process.env.OPENCLIPART_SVG ?? '/usr/share/openclipart/svg';
const FULL = process.argv.includes('--full');
/** The default set: 40 answers per query and 225 distractors; --full takes every openclipart SVG. */
const PER_CATEGORY = FULL ? Infinity : 40;
const DISTRACTORS_PER_FOLDER = 25;

const DISTRACTOR_FOLDERS = ['computer/icons', 'shapes/stars', 'special/patterns', 'recreation/games', 'signs_and_symbols/map_symbols', 'office', 'education', 'electronics', 'geography'];

function svgFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.svg') && statSync(path).size < 400_000) found.push(path);
    }
  };
  walk(folder);
  return found;
}

function anonymousName(path: string): string {
  return createHash('sha1').update(relative(SOURCE, path)).digest('hex').slice(0, 16) + '.svg';
}

/** A corpus file: its anonymous name in the corpus, its openclipart path (which folder it is from) and its content hash. */
interface CorpusFile {
  name: string;
  source: string;
  hash: string;
}

/** Builds (once) the corpus folder and lists what it holds. */
export function buildCorpus(target: string): CorpusFile[] {
  mkdirSync(target, { recursive: true });
  const take = (files: string[], count: number) => {
    // Spread the pick over the folder, deterministically.
    if (!Number.isFinite(count)) return files;
    const step = Math.max(1, files.length / count);
    return Array.from({ length: Math.min(count, files.length) }, (_, i) => files[Math.floor(i * step)]!);
  };
  const chosen = FULL
    ? svgFiles(SOURCE)
    : [
        ...Object.values(CATEGORY_QUERIES).flatMap((folder) => take(svgFiles(join(SOURCE, folder)), PER_CATEGORY)),
        ...DISTRACTOR_FOLDERS.flatMap((folder) => take(svgFiles(join(SOURCE, folder)), DISTRACTORS_PER_FOLDER)),
      ];
  const files = new Map<string, CorpusFile>();
  for (const file of chosen) {
    const name = anonymousName(file);
    if (!existsSync(join(target, name))) copyFileSync(file, join(target, name));
    files.set(name, { name, source: relative(SOURCE, file), hash: contentHash(readFileSync(join(target, name))) });
  }
  return [...files.values()];
}

/**
 * The relevant answers of a query: the images (content hashes) of the corpus files from its folder.
 * Openclipart files the same image into several folders; the index holds it once, under one of its
 * paths, so a hit is judged by its bytes, not by which of its paths the index happened to list.
 */
function answersOf(corpus: readonly CorpusFile[], folder: string): Set<string> {
  const answers = new Set(corpus.filter((file) => file.source.startsWith(folder + '/')).map((file) => file.hash));
  if (answers.size < 10) throw new Error(`bench/relevance: the corpus holds only ${answers.size} images from ${folder}`);
  return answers;
}

function ndcgAt10(ranked: string[], relevant: Set<string>): number {
  let dcg = 0;
  ranked.slice(0, 10).forEach((name, i) => {
    if (relevant.has(name)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(10, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal > 0 ? dcg / ideal : 0;
}

const MODES: SearchMode[] = ['hybrid', 'semantic', 'lexical'];
export const SHAPES = ['metadata', 'cloud'] as const;
export type IndexShape = (typeof SHAPES)[number];

export interface Score {
  precisionAt10: number;
  ndcgAt10: number;
}

export interface RelevanceReport {
  images: number;
  /** Per index shape, per query set, per mode. */
  sets: Record<IndexShape, Record<QuerySetName, Record<SearchMode, Score>>>;
  /** P@10 per shape, set, query and mode. */
  perQuery: Record<IndexShape, Record<QuerySetName, Record<string, Record<SearchMode, number>>>>;
}

async function evaluateLens(lens: AssetLens, corpus: readonly CorpusFile[]) {
  const sets = {} as Record<QuerySetName, Record<SearchMode, Score>>;
  const perQuery = {} as Record<QuerySetName, Record<string, Record<SearchMode, number>>>;
  for (const setName of querySetsFor(FULL)) {
    const queries = QUERY_SETS[setName];
    sets[setName] = {} as Record<SearchMode, Score>;
    perQuery[setName] = {};
    for (const mode of MODES) {
      let precision = 0;
      let ndcg = 0;
      for (const [query, folder] of Object.entries(queries)) {
        const answers = answersOf(corpus, folder);
        const hits = (await lens.search(query, { limit: 10, mode })).map((h) => h.hash);
        const p = hits.filter((h) => answers.has(h)).length / 10;
        precision += p;
        ndcg += ndcgAt10(hits, answers);
        (perQuery[setName][query] ??= {} as Record<SearchMode, number>)[mode] = p;
      }
      const count = Object.keys(queries).length;
      sets[setName][mode] = { precisionAt10: precision / count, ndcgAt10: ndcg / count };
    }
  }
  return { sets, perQuery };
}

/** Replaces every asset's embedded metadata by the cloud-shaped tags derived from it, and re-embeds. */
async function reshapeAsCloud(lens: AssetLens): Promise<void> {
  const store = lens.store;
  const tagsById = store.tagsByAsset();
  store.transaction(() => {
    for (const [id, tags] of tagsById) {
      const embedded = tags.filter((tag) => tag.source === 'embedded');
      if (embedded.length === 0) continue;
      const palette = JSON.parse(store.assetById(id)?.palette ?? '[]') as string[];
      store.replaceTags(id, 'embedded', []);
      store.replaceTags(id, 'cloud', cloudTagsToTags(cloudShapedTags(embedded, palette)));
    }
  });
  await lens.reembed();
}

export async function evaluateRelevance(corpusDir: string): Promise<RelevanceReport> {
  const corpus = buildCorpus(corpusDir);
  // One index per corpus (the default and --full ones must not share), and its cloud-shaped copy.
  const metadataIndex = `${corpusDir}-index`;
  const cloudIndex = `${corpusDir}-index-cloud`;
  const report: RelevanceReport = { images: 0, sets: {} as RelevanceReport['sets'], perQuery: {} as RelevanceReport['perQuery'] };
  for (const shape of SHAPES) {
    if (shape === 'cloud') {
      // A copy of the metadata index, re-tagged: no second decode of every file.
      rmSync(cloudIndex, { recursive: true, force: true });
      mkdirSync(cloudIndex, { recursive: true });
      copyFileSync(join(metadataIndex, 'index.db'), join(cloudIndex, 'index.db'));
    }
    const lens = await AssetLens.open({ root: corpusDir, indexDir: shape === 'cloud' ? cloudIndex : metadataIndex });
    try {
      await lens.index();
      if (shape === 'cloud') await reshapeAsCloud(lens);
      report.images = lens.status().assets;
      const { sets, perQuery } = await evaluateLens(lens, corpus);
      report.sets[shape] = sets;
      report.perQuery[shape] = perQuery;
    } finally {
      lens.close();
    }
  }
  return report;
}

const fmt = (value: number) => value.toFixed(2);

function summaryLines(report: RelevanceReport): string[] {
  const lines = [`relevance: ${report.images} clip-art images under hashed names, no cloud; P@10 (nDCG@10) per mode`];
  for (const shape of SHAPES) {
    lines.push(`  index of ${shape === 'metadata' ? 'embedded metadata' : 'cloud-shaped tags'}:`);
    for (const [setName, byMode] of Object.entries(report.sets[shape])) {
      lines.push(`    ${setName.padEnd(24)} ${MODES.map((m) => `${m} ${fmt(byMode[m].precisionAt10)} (${fmt(byMode[m].ndcgAt10)})`).join('  ')}`);
    }
  }
  return lines;
}

/** The per-query section of bench/README.md, between markers, so a regression shows in a diff. */
function perQueryMarkdown(report: RelevanceReport): string {
  const out: string[] = [
    `P@10 per query on the ${FULL ? `full corpus (${report.images} images, \`--full\`)` : `default corpus (${report.images} images)`}, hybrid / semantic / lexical, on an index of the files' embedded metadata and on one of cloud-shaped tags. Written by \`node bench/relevance.ts --readme${FULL ? ' --full' : ''}\`.`,
    '',
    '| set | mean, metadata (h / s / l) | mean, cloud-shaped (h / s / l) |',
    '|---|---|---|',
  ];
  for (const setName of querySetsFor(FULL)) {
    const cell = (shape: IndexShape) => MODES.map((m) => fmt(report.sets[shape][setName][m].precisionAt10)).join(' / ');
    out.push(`| ${setName} | ${cell('metadata')} | ${cell('cloud')} |`);
  }
  for (const setName of querySetsFor(FULL)) {
    out.push('', `**${setName}**`, '', '| query | answers from | metadata (h / s / l) | cloud-shaped (h / s / l) |', '|---|---|---|---|');
    for (const [query, folder] of Object.entries(QUERY_SETS[setName])) {
      const cell = (shape: IndexShape) => MODES.map((m) => report.perQuery[shape][setName][query]![m].toFixed(1)).join(' / ');
      out.push(`| ${query} | \`${folder}\` | ${cell('metadata')} | ${cell('cloud')} |`);
    }
  }
  return out.join('\n');
}

function writeReadmeSection(markdown: string): void {
  const readme = join(import.meta.dirname, 'README.md');
  const begin = `<!-- relevance-per-query${FULL ? '-full' : ''}:begin -->`;
  const end = `<!-- relevance-per-query${FULL ? '-full' : ''}:end -->`;
  const text = readFileSync(readme, 'utf8');
  const block = `${begin}\n${markdown}\n${end}`;
  const at = text.indexOf(begin);
  const heading = `${RELEVANCE_HEADING}\n\nWritten by \`node bench/relevance.ts --readme\` (and \`--full --readme\`); \`npm run bench\` keeps this section as it is.\n`;
  const base = text.includes(RELEVANCE_HEADING) ? text : `${text.trimEnd()}\n\n${heading}`;
  const updated = at >= 0 ? text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length) : `${base.trimEnd()}\n\n${block}\n`;
  writeFileSync(readme, updated);
}

if (import.meta.main) {
  if (!existsSync(SOURCE)) {
    console.error(`bench/relevance: ${SOURCE} is missing: apt-get install openclipart-svg (or set OPENCLIPART_SVG)`);
    process.exit(1);
  }
  const corpus = join(process.env.ASSET_LENS_CACHE ?? join(homedir(), '.cache', 'asset-lens'), 'relevance', FULL ? 'full-corpus' : 'corpus');
  // --report=<file>: a saved --json run, rendered (and written with --readme) without searching again.
  const saved = process.argv.find((arg) => arg.startsWith('--report='))?.slice('--report='.length);
  const report = saved ? (JSON.parse(readFileSync(saved, 'utf8')) as RelevanceReport) : await evaluateRelevance(corpus);
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else console.log(summaryLines(report).join('\n'));
  if (process.argv.includes('--verbose')) {
    for (const shape of SHAPES) {
      for (const [setName, queries] of Object.entries(report.perQuery[shape])) {
        for (const [query, byMode] of Object.entries(queries)) {
          console.log(`  ${shape.padEnd(8)} ${setName.padEnd(22)} ${query.padEnd(48)} ${MODES.map((m) => `${m[0]} ${byMode[m].toFixed(1)}`).join('  ')}`);
        }
      }
    }
  }
  if (process.argv.includes('--readme')) writeReadmeSection(perQueryMarkdown(report));
}
