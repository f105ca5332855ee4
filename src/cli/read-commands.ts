import { escapeControl, printJson, withRoot, type CommonOptions } from './output.ts';
import { printHits } from './search-command.ts';
import { formatBytes, toPosix } from '../core/scan.ts';

export async function similarCommand(root: string, path: string, options: CommonOptions & { limit: number }): Promise<void> {
  await withRoot(root, options, async (lens) => printHits(await lens.similar(toPosix(path).replace(/^\.\//, ''), { limit: options.limit }), options.json));
}

export async function listCommand(root: string, options: CommonOptions): Promise<void> {
  await withRoot(root, options, (lens) => {
    const records = lens.list();
    if (options.json) {
      printJson(records);
      return;
    }
    for (const record of records) {
      const what = record.error ? `failed: ${record.error}` : `${record.format} ${record.width}×${record.height}  ${record.tags.map((t) => t.text).slice(0, 8).join(', ')}`;
      process.stdout.write(`${escapeControl(record.path)}  ${escapeControl(what)}\n`);
    }
  });
}

export async function statusCommand(root: string, options: CommonOptions): Promise<void> {
  await withRoot(root, options, (lens) => {
    const status = lens.status();
    if (options.json) {
      printJson(status);
      return;
    }
    process.stdout.write(
      [
        `${filesLine(status)}, index ${formatBytes(status.indexBytes)}, model ${status.model}`,
        `cloud: ${status.tagged} tagged, ${status.pending} pending, ${status.blocked} blocked; failed ${status.failed}`,
        `tokens ${status.cloud.tokensIn} in / ${status.cloud.tokensOut} out, estimated cost $${status.cloud.estimatedCostUsd.toFixed(4)}`,
        ...byModelLine(status.cloud.byModel),
      ].join('\n') + '\n',
    );
    for (const record of lens.list().filter((r) => r.error)) process.stdout.write(`  failed: ${escapeControl(record.path)}: ${escapeControl(record.error!)}\n`);
  });
}

/** "1,661 files, 1,560 distinct images (101 files are copies of another)": copies share one content. */
function filesLine(status: { files: number; assets: number; failedFiles: number }): string {
  const copies = status.files - status.failedFiles - status.assets;
  const shared = copies > 0 ? ` (${copies.toLocaleString('en-US')} file${copies === 1 ? ' is a copy' : 's are copies'} of another)` : '';
  return `${status.files.toLocaleString('en-US')} files, ${status.assets.toLocaleString('en-US')} distinct images${shared}`;
}

/** "tagged by gemini-2.5-flash-lite 1,200, gemini-3.5-flash-lite 34": a retired model shows with what it tagged. */
function byModelLine(byModel: Record<string, number>): string[] {
  const entries = Object.entries(byModel);
  return entries.length > 0 ? [`tagged by ${entries.map(([model, count]) => `${model} ${count.toLocaleString('en-US')}`).join(', ')}`] : [];
}
