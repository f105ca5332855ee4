// Commands on what the team commits: hand tags (into tags.jsonl) and saved searches (searches.json).
import type { AssetRecord } from '../core/types.ts';
import { readSavedSearches } from '../core/saved-searches.ts';
import { toPosix } from '../core/scan.ts';
import { escapeControl, printJson, withRoot, type CommonOptions } from './output.ts';

export async function tagCommand(root: string, path: string, options: CommonOptions & { add?: string[]; remove?: string[] }): Promise<void> {
  await withRoot(root, options, async (lens) => {
    const relative = toPosix(path).replace(/^\.\//, '');
    const tags = options.add || options.remove ? await lens.editUserTags(relative, { add: options.add, remove: options.remove }) : userTags(lens.get(relative), relative);
    if (options.json) printJson({ path: relative, tags });
    else process.stdout.write(`${escapeControl(relative)}: ${tags.length > 0 ? tags.map(escapeControl).join(', ') : '(no hand tags)'}\n`);
  });
}

function userTags(record: AssetRecord | null, path: string): string[] {
  if (!record || record.error) throw new Error(`${path}: not in the index`);
  return record.tags.filter((tag) => tag.source === 'user').map((tag) => tag.text);
}

export async function searchesCommand(root: string, options: CommonOptions & { save?: string; query?: string; delete?: string }): Promise<void> {
  await withRoot(root, options, async (lens) => {
    if (options.save !== undefined) {
      if (options.query === undefined) throw new Error('--save NAME needs --query "QUERY"');
      await lens.saveSearch(options.save, options.query);
    } else if (options.delete !== undefined && !(await lens.deleteSearch(options.delete))) {
      throw new Error(`no saved search named "${options.delete}"`);
    }
    const { searches, problems } = await readSavedSearches(lens.savedSearchesPath);
    for (const problem of problems) process.stderr.write(`asset-lens: ${escapeControl(problem)}\n`);
    if (options.json) printJson(searches);
    else if (searches.length === 0) process.stdout.write(`no saved searches (${lens.savedSearchesPath})\n`);
    else for (const search of searches) process.stdout.write(`${escapeControl(search.name)}\t${escapeControl(search.query)}\n`);
  });
}
