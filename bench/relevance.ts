// Held-out relevance check: category queries over real clip-art (Debian's openclipart-svg), with the
// files renamed to their hashes so only the embedded metadata carries meaning, and no cloud.
// Prints precision@10 and nDCG@10 per mode. Run: node bench/relevance.ts [--json]
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { AssetLens } from '../src/core/engine.ts';
import type { SearchMode } from '../src/core/types.ts';

const SOURCE = process.env.OPENCLIPART_SVG ?? '/usr/share/openclipart/svg';
const FULL = process.argv.includes('--full');
/** The default set: 40 answers per query and 225 distractors; --full takes every openclipart SVG. */
const PER_CATEGORY = FULL ? Infinity : 40;
const DISTRACTORS_PER_FOLDER = 25;

/** Query → the openclipart folder whose files are the relevant answers. */
export const QUERIES: Record<string, string> = {
  bird: 'animals/birds',
  insect: 'animals/bugs',
  mammal: 'animals/mammals',
  house: 'buildings/homes',
  'computer hardware': 'computer/hardware',
  drink: 'food/beverages',
  dessert: 'food/desserts',
  fruit: 'food/fruit',
  meat: 'food/meats_and_eggs',
  bread: 'food/breads_and_carbs',
  clothing: 'people/clothing',
  'smiley face': 'people/smilies',
  flower: 'plants/flowers',
  'musical instrument': 'recreation/music',
  sport: 'recreation/sports',
  toy: 'recreation/toys',
  clock: 'signs_and_symbols/clocks',
  flag: 'signs_and_symbols/flags',
  weather: 'signs_and_symbols/weather',
  boat: 'transportation/boating',
  car: 'transportation/vehicles',
  'road sign': 'transportation/roadsigns',
  weapon: 'tools/weapons',
  arrow: 'shapes/arrows',
};
/** The same answers asked in other words: what the category name alone would not find. */
export const PARAPHRASES: Record<string, string> = {
  'flying animal with feathers': 'animals/birds',
  'creepy crawly bugs': 'animals/bugs',
  'furry creature': 'animals/mammals',
  'a place to live': 'buildings/homes',
  'pc parts': 'computer/hardware',
  'something to drink': 'food/beverages',
  'sweet treat': 'food/desserts',
  'apples and oranges': 'food/fruit',
  'steak or sausage': 'food/meats_and_eggs',
  'baked goods': 'food/breads_and_carbs',
  'garments to wear': 'people/clothing',
  'happy face emoticon': 'people/smilies',
  blossom: 'plants/flowers',
  'guitar piano drums': 'recreation/music',
  'ball games and athletes': 'recreation/sports',
  'playthings for children': 'recreation/toys',
  'what time is it': 'signs_and_symbols/clocks',
  'national banner': 'signs_and_symbols/flags',
  'rain and clouds': 'signs_and_symbols/weather',
  'sailing on the sea': 'transportation/boating',
  automobile: 'transportation/vehicles',
  'traffic warning': 'transportation/roadsigns',
  'sword or gun': 'tools/weapons',
  'pointer showing direction': 'shapes/arrows',
};
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

/** Builds (once) the corpus folder and returns the relevant file names per query. */
export function buildCorpus(target: string): Map<string, Set<string>> {
  const relevant = new Map<string, Set<string>>();
  mkdirSync(target, { recursive: true });
  const take = (files: string[], count: number) => {
    // Spread the pick over the folder, deterministically.
    if (!Number.isFinite(count)) return files;
    const step = Math.max(1, files.length / count);
    return Array.from({ length: Math.min(count, files.length) }, (_, i) => files[Math.floor(i * step)]!);
  };
  for (const [query, folder] of Object.entries(QUERIES)) {
    const names = new Set<string>();
    for (const file of take(svgFiles(join(SOURCE, folder)), PER_CATEGORY)) {
      const name = anonymousName(file);
      names.add(name);
      if (!existsSync(join(target, name))) copyFileSync(file, join(target, name));
    }
    relevant.set(query, names);
  }
  const distractors = FULL ? svgFiles(SOURCE) : DISTRACTOR_FOLDERS.flatMap((folder) => take(svgFiles(join(SOURCE, folder)), DISTRACTORS_PER_FOLDER));
  {
    for (const file of distractors) {
      const name = anonymousName(file);
      if (!existsSync(join(target, name))) copyFileSync(file, join(target, name));
    }
  }
  return relevant;
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

export interface RelevanceReport {
  images: number;
  queries: number;
  /** Category-name queries. */
  modes: Record<SearchMode, { precisionAt10: number; ndcgAt10: number }>;
  /** The same categories asked in other words. */
  paraphrased: Record<SearchMode, { precisionAt10: number; ndcgAt10: number }>;
  perQuery: Record<string, Record<SearchMode, number>>;
}

export async function evaluateRelevance(corpusDir: string): Promise<RelevanceReport> {
  const relevant = buildCorpus(corpusDir);
  const lens = await AssetLens.open({ root: corpusDir, indexDir: join(corpusDir, '..', 'index') });
  try {
    await lens.index();
    const modes: SearchMode[] = ['hybrid', 'semantic', 'lexical'];
    const report: RelevanceReport = { images: lens.status().assets, queries: relevant.size, modes: {} as RelevanceReport['modes'], paraphrased: {} as RelevanceReport['paraphrased'], perQuery: {} };
    const byFolder = new Map([...relevant].map(([query, names]) => [QUERIES[query]!, names]));
    const sets: [Record<string, string>, RelevanceReport['modes']][] = [[QUERIES, report.modes], [PARAPHRASES, report.paraphrased]];
    for (const [queries, target] of sets) {
      for (const mode of modes) {
        let precision = 0;
        let ndcg = 0;
        for (const [query, folder] of Object.entries(queries)) {
          const names = byFolder.get(folder)!;
          const hits = (await lens.search(query, { limit: 10, mode })).map((h) => h.path);
          const p = hits.filter((h) => names.has(h)).length / 10;
          precision += p;
          ndcg += ndcgAt10(hits, names);
          (report.perQuery[query] ??= {} as Record<SearchMode, number>)[mode] = p;
        }
        const count = Object.keys(queries).length;
        target[mode] = { precisionAt10: precision / count, ndcgAt10: ndcg / count };
      }
    }
    return report;
  } finally {
    lens.close();
  }
}

if (import.meta.main) {
  if (!existsSync(SOURCE)) {
    console.error(`bench/relevance: ${SOURCE} is missing: apt-get install openclipart-svg (or set OPENCLIPART_SVG)`);
    process.exit(1);
  }
  const corpus = join(process.env.ASSET_LENS_CACHE ?? join(homedir(), '.cache', 'asset-lens'), 'relevance', FULL ? 'full-corpus' : 'corpus');
  const report = await evaluateRelevance(corpus);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`relevance: ${report.images} clip-art images, ${report.queries} category queries, metadata only, no cloud`);
    for (const [mode, m] of Object.entries(report.modes)) console.log(`  ${mode.padEnd(8)} P@10 ${m.precisionAt10.toFixed(3)}  nDCG@10 ${m.ndcgAt10.toFixed(3)}`);
    console.log('  the same categories in other words ("something to drink", "automobile", ...):');
    for (const [mode, m] of Object.entries(report.paraphrased)) console.log(`  ${mode.padEnd(8)} P@10 ${m.precisionAt10.toFixed(3)}  nDCG@10 ${m.ndcgAt10.toFixed(3)}`);
    if (process.argv.includes('--verbose')) {
      for (const [query, byMode] of Object.entries(report.perQuery)) console.log(`  ${query.padEnd(20)} ${Object.entries(byMode).map(([m, p]) => `${m} ${p.toFixed(1)}`).join('  ')}`);
    }
  }
}
