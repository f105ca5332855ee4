import { readFileSync } from 'node:fs';
import type { SearchHit, SearchMode } from '../core/types.ts';
import { escapeControl, printJson, withRoot, type CommonOptions } from './output.ts';

interface SearchCommandOptions extends CommonOptions {
  limit: number;
  mode: SearchMode;
  queriesFile?: string;
}

function jsonHit(hit: SearchHit) {
  return { path: hit.path, score: hit.score, tags: hit.tags, caption: hit.caption };
}

export function printHits(hits: readonly SearchHit[], json: boolean | undefined): void {
  if (json) {
    printJson(hits.map(jsonHit));
    return;
  }
  if (hits.length === 0) process.stdout.write('no matches\n');
  for (const hit of hits) {
    const tags = hit.tags.length > 0 ? `  [${hit.tags.map(escapeControl).join(', ')}]` : '';
    process.stdout.write(`${hit.score.toFixed(4)}  ${escapeControl(hit.path)}${tags}\n`);
  }
}

export async function searchCommand(root: string, query: string | undefined, options: SearchCommandOptions): Promise<void> {
  if (query === undefined && !options.queriesFile) throw new Error('give a query, or --queries-file');
  await withRoot(root, options, async (lens) => {
    const queries = options.queriesFile ? readFileSync(options.queriesFile, 'utf8').split(/\r?\n/).filter((line) => line.trim()) : [query!];
    for (const text of queries) {
      const result = await lens.searchWithWarnings(text, { limit: options.limit, mode: options.mode });
      for (const warning of result.warnings) process.stderr.write(`asset-lens: ${escapeControl(warning)}\n`);
      if (options.queriesFile && !options.json) process.stdout.write(`# ${escapeControl(text)}\n`);
      printHits(result.hits, options.json);
    }
  });
}
