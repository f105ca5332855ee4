import { readFileSync } from 'node:fs';
import type { SearchHit, SearchMode, SearchSort } from '../core/types.ts';
import type { AssetLens } from '../core/engine.ts';
import { escapeControl, printJson, withRoot, type CommonOptions } from './output.ts';

interface SearchCommandOptions extends CommonOptions {
  limit: number;
  mode: SearchMode;
  sort: SearchSort;
  queriesFile?: string;
  saved?: string;
}

function jsonHit(hit: SearchHit) {
  return { path: hit.path, score: hit.score, tags: hit.tags, caption: hit.caption, lessRelated: hit.lessRelated, size: hit.size, modified: hit.modified, refs: hit.refs };
}

export function printHits(hits: readonly SearchHit[], json: boolean | undefined): void {
  if (json) {
    printJson(hits.map(jsonHit));
    return;
  }
  if (hits.length === 0) process.stdout.write('no matches\n');
  hits.forEach((hit, i) => {
    if (hit.lessRelated && !hits[i - 1]?.lessRelated) process.stdout.write('-- less related --\n');
    const tags = hit.tags.length > 0 ? `  [${hit.tags.map(escapeControl).join(', ')}]` : '';
    process.stdout.write(`${hit.score.toFixed(4)}  ${escapeControl(hit.path)}${tags}\n`);
  });
}

async function savedQuery(lens: AssetLens, name: string): Promise<string> {
  const saved = (await lens.savedSearches()).find((s) => s.name === name);
  if (!saved) throw new Error(`no saved search named "${name}" in ${lens.savedSearchesPath} ("asset-lens searches" lists them)`);
  return saved.query;
}

export async function searchCommand(root: string, query: string | undefined, options: SearchCommandOptions): Promise<void> {
  if (query === undefined && !options.queriesFile && !options.saved) throw new Error('give a query, --saved NAME or --queries-file');
  if ([query !== undefined, !!options.queriesFile, !!options.saved].filter(Boolean).length > 1) throw new Error('give only one of: a query, --saved NAME, --queries-file');
  await withRoot(root, options, async (lens) => {
    const queries = options.queriesFile
      ? readFileSync(options.queriesFile, 'utf8').split(/\r?\n/).filter((line) => line.trim())
      : [options.saved ? await savedQuery(lens, options.saved) : query!];
    for (const text of queries) {
      const result = await lens.searchWithWarnings(text, { limit: options.limit, mode: options.mode, sort: options.sort });
      for (const warning of result.warnings) process.stderr.write(`asset-lens: ${escapeControl(warning)}\n`);
      if (result.didYouMean) process.stderr.write(`asset-lens: did you mean "${escapeControl(result.didYouMean)}"?\n`);
      if (options.queriesFile && !options.json) process.stdout.write(`# ${escapeControl(text)}\n`);
      printHits(result.hits, options.json);
    }
  });
}
