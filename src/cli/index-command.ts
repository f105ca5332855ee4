import { SingleBar, Presets } from 'cli-progress';
import type { Progress } from '../core/types.ts';
import type { IndexSummary } from '../core/types.ts';
import { cloudOptionsFrom, escapeControl, openRoot, printJson, warn, withRoot, type CloudCliOptions, type CommonOptions } from './output.ts';

interface IndexCommandOptions extends CommonOptions, CloudCliOptions {
  exclude?: string[];
  dryRun?: boolean;
}

function progressReporter(): { onProgress: (p: Progress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { onProgress: () => {}, stop: () => {} };
  const bar = new SingleBar({ format: '{stage} [{bar}] {value}/{total} {path}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  let stage = '';
  return {
    onProgress: (p) => {
      if (p.stage !== stage) {
        if (stage) bar.stop();
        stage = p.stage;
        bar.start(p.total, p.done, { stage: p.stage.padEnd(5), path: '' });
      }
      bar.setTotal(p.total);
      bar.update(p.done, { stage: p.stage.padEnd(5), path: escapeControl(p.path ?? '') });
    },
    stop: () => bar.stop(),
  };
}

function cloudLine(summary: IndexSummary): string {
  const cloud = summary.cloud;
  if (!cloud) return 'cloud: off for this run\n';
  const parts = [`${cloud.done} tagged`, `${cloud.fromLedger} from the ledger`, `${cloud.failed} failed`, `${cloud.blocked} blocked`, `${cloud.skipped} skipped`];
  const tokens = cloud.sent > 0 ? `, ${cloud.requests} requests, ${cloud.tokensIn} tokens in / ${cloud.tokensOut} out` : '';
  return `cloud: ${parts.join(', ')}${tokens}${cloud.stoppedReason ? ` (${escapeControl(cloud.stoppedReason)})` : ''}\n`;
}

export async function indexCommand(root: string, options: IndexCommandOptions): Promise<void> {
  const lens = await openRoot(root, options, cloudOptionsFrom(options));
  const progress = progressReporter();
  try {
    if (options.dryRun) {
      // Local work is free and needed to know what is new; only the cloud step is held back.
      const summary = await lens.index({ onProgress: progress.onProgress, cloud: false, onWarning: warn });
      progress.stop();
      const plan = lens.planCloud();
      if (options.json) printJson({ ...summary, dryRun: plan });
      else process.stdout.write(`dry run: ${plan.images} images would be sent to ${plan.model}, estimated cost $${plan.estimatedCostUsd.toFixed(4)}; ${plan.skipped} excluded from the cloud\n`);
      return;
    }
    const summary = await lens.index({ onProgress: progress.onProgress, onWarning: warn });
    progress.stop();
    if (options.json) {
      printJson(summary);
      return;
    }
    const rate = summary.seconds > 0 ? ` (${((summary.new + summary.changed) / summary.seconds).toFixed(1)} images/s)` : '';
    process.stdout.write(
      `${summary.files} files: ${summary.new} new, ${summary.changed} changed, ${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.failed.length} failed, in ${summary.seconds.toFixed(2)} s${rate}\n`,
    );
    for (const failure of summary.failed) process.stdout.write(`  failed: ${escapeControl(failure.path)}: ${escapeControl(failure.reason)}\n`);
    if (summary.references) {
      const r = summary.references;
      process.stdout.write(`references: ${r.textFiles} text files, ${r.extracted} read for references, ${r.removed} removed, ${r.skipped} skipped (binary or over 2 MB), in ${r.seconds.toFixed(2)} s\n`);
    }
    const failingBefore = lens.status().failedFiles - summary.failed.length;
    if (failingBefore > 0) process.stdout.write(`  ${failingBefore} unchanged files failed before and were not read again ("asset-lens status" lists them)\n`);
    process.stdout.write(cloudLine(summary));
    if (summary.ledgerProblem) process.stderr.write(`asset-lens: ${escapeControl(summary.ledgerProblem)}\n`);
  } finally {
    progress.stop();
    lens.close();
  }
}

export async function exportTagsCommand(root: string, options: CommonOptions): Promise<void> {
  await withRoot(root, options, async (lens) => {
    const count = await lens.exportTags();
    if (options.json) printJson({ ledger: lens.ledgerPath, entries: count });
    else process.stdout.write(`wrote ${count} entries to ${escapeControl(lens.ledgerPath)}\n`);
  });
}
