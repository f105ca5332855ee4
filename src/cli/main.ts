// asset-lens: the command line over the core engine.
import { Command, InvalidArgumentError, Option } from 'commander';
import { ASK_ABOVE_IMAGES, exportTagsCommand, indexCommand } from './index-command.ts';
import { DEFAULT_CLOUD_MODEL, DEFAULT_MAX_IMAGES_PER_RUN, supportedModelNames } from '../core/bigbrain/index.ts';
import { searchCommand } from './search-command.ts';
import { similarCommand, listCommand, statusCommand } from './read-commands.ts';
import { searchesCommand, tagCommand } from './team-commands.ts';
import { refsCommand, unusedCommand, brokenCommand } from './reference-commands.ts';
import { fail } from './output.ts';
import { VERSION } from './version.ts';

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return number;
}

const program = new Command('asset-lens')
  .description('Find images in a repository by what they show: local index and search, tagged once by Gemini.')
  .version(VERSION)
  .showHelpAfterError();

const indexDirOption = () => new Option('--index-dir <dir>', 'index folder (default: <root>/.vscode/asset-lens)');

program
  .command('index')
  .description('index the images under <root> and the image references in its text files; re-running does only new and changed work')
  .argument('<root>', 'folder to index')
  .addOption(indexDirOption())
  .option('--exclude <glob...>', 'glob(s), relative to root, never indexed')
  .option('--no-cloud', 'no Gemini calls this run (ledger answers are still used)')
  .option('--dry-run', 'index locally, then print how many images would be sent to Gemini and the estimated cost; send nothing')
  .option('--cloud-exclude <glob...>', 'glob(s), relative to root, whose images never leave the machine')
  .option('--max-images <n>', `send at most this many images to Gemini this run (default ${DEFAULT_MAX_IMAGES_PER_RUN}; the rest wait as pending)`, positiveInteger)
  .option('-y, --yes', `send without asking, and without the default cap of ${DEFAULT_MAX_IMAGES_PER_RUN} images (--max-images still applies)`)
  .option('--model <name>', `Gemini model: ${supportedModelNames()} (default ${DEFAULT_CLOUD_MODEL}, or $ASSET_LENS_GEMINI_MODEL)`)
  .option('--batch', 'send through the Gemini Batch API (half price, asynchronous; re-run to collect)')
  .option('--gemini-base-url <url>', 'Gemini endpoint override for proxies and tests (or $ASSET_LENS_GEMINI_BASE_URL)')
  .option('--public-root <dir...>', 'folder(s), relative to root, that a root-relative image reference ("/img/a.png") may mean (default: public static .)')
  .option('--json', 'print the summary as JSON')
  .addHelpText(
    'after',
    `\nThe Gemini API key is read from $GEMINI_API_KEY only. Without it, images wait as "pending" and everything local works.\n` +
      `On a terminal, sending more than ${ASK_ABOVE_IMAGES} images shows the count and the estimated cost and asks first; without a terminal at most ${DEFAULT_MAX_IMAGES_PER_RUN} images a run are sent unless --max-images or --yes.`,
  )
  .action(indexCommand);

program
  .command('export-tags')
  .description('rewrite the team ledger <index-dir>/tags.jsonl from the index (one line per content hash, sorted)')
  .argument('<root>', 'indexed folder')
  .addOption(indexDirOption())
  .option('--json', 'print the result as JSON')
  .action(exportTagsCommand);

program
  .command('search')
  .description('search the index: free text plus filters ext:svg in:icons/ color:#3366ff|red orientation:landscape w>512 h<100 tag:logo used:yes|no')
  .argument('<root>', 'indexed folder')
  .argument('[query]', 'the query (quote it)')
  .addOption(indexDirOption())
  .option('--json', 'print hits as a JSON array: {path, score, tags, caption, lessRelated, size, modified, refs}')
  .option('--limit <n>', 'how many hits', positiveInteger, 20)
  .addOption(new Option('--mode <mode>', 'ranking').choices(['hybrid', 'semantic', 'lexical']).default('hybrid'))
  .addOption(new Option('--sort <order>', 'relevance, name (A→Z), modified (newest first) or size (largest first); less related hits always come last').choices(['relevance', 'name', 'modified', 'size']).default('relevance'))
  .option('--saved <name>', 'run the saved search of this name (see "asset-lens searches")')
  .option('--queries-file <file>', 'answer one query per line of this file in one process (with --json, one JSON array per line)')
  .addHelpText('after', '\nWhen a query finds nothing or only weak matches, a correction from the index\'s own words is suggested on stderr.')
  .action(searchCommand);

program
  .command('tag')
  .description('show, add or remove the hand-written tags of an image; they are kept in the team ledger (tags.jsonl) so a clone gets them')
  .argument('<root>', 'indexed folder')
  .argument('<path>', 'image path, relative to root')
  .addOption(indexDirOption())
  .option('--add <tag...>', 'tag(s) to add')
  .option('--remove <tag...>', 'tag(s) to remove (any case)')
  .option('--json', 'print {path, tags} as JSON')
  .action(tagCommand);

program
  .command('searches')
  .description("list the team's saved searches (<index-dir>/searches.json), or save or delete one")
  .argument('<root>', 'indexed folder')
  .addOption(indexDirOption())
  .option('--save <name>', 'save --query under this name (replaces one of the same name)')
  .option('--query <query>', 'the query to save, filters included')
  .option('--delete <name>', 'delete the saved search of this name')
  .option('--json', 'print as a JSON array of {name, query}')
  .action(searchesCommand);

program
  .command('similar')
  .description('images like the one at <path>: near-duplicates first, then similar in meaning')
  .argument('<root>', 'indexed folder')
  .argument('<path>', 'image path, relative to root')
  .addOption(indexDirOption())
  .option('--json', 'print hits as JSON')
  .option('--limit <n>', 'how many hits', positiveInteger, 20)
  .action(similarCommand);

program
  .command('list')
  .description('every indexed file with its facts, tags and cloud state')
  .argument('<root>', 'indexed folder')
  .addOption(indexDirOption())
  .option('--json', 'print as JSON (one array)')
  .action(listCommand);

program
  .command('status')
  .description('counts, index size and model')
  .argument('<root>', 'indexed folder')
  .addOption(indexDirOption())
  .option('--json', 'print as JSON')
  .action(statusCommand);

program
  .command('refs')
  .description('where the image at <image> is referenced in the text files (HTML, CSS, Markdown, JS/TS, Vue, Svelte, Astro, JSON, YAML)')
  .argument('<root>', 'indexed folder')
  .argument('<image>', 'image path, relative to root')
  .addOption(indexDirOption())
  .option('--json', 'print as a JSON array: {file, line, column, text}')
  .action(refsCommand);

program
  .command('unused')
  .description('indexed images that no text file references')
  .argument('<root>', 'indexed folder')
  .addOption(indexDirOption())
  .option('--json', 'print as a JSON array: {path}')
  .action(unusedCommand);

program
  .command('broken')
  .description('references to images that do not exist, each with a suggested target (from git renames, else the closest name)')
  .argument('<root>', 'indexed folder')
  .addOption(indexDirOption())
  .option('--json', 'print as a JSON array: {file, line, column, reference, suggestion}')
  .action(brokenCommand);

// `asset-lens list | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

program.parseAsync(process.argv).catch(fail);
