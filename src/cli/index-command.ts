import { createInterface } from 'node:readline/promises';
import { SingleBar, Presets } from 'cli-progress';
import type { Progress } from '../core/types.ts';
import type { IndexSummary } from '../core/types.ts';
import { emptyCloudSummary, type AssetLens, type CloudOptions, type CloudPlan, type CloudRunSummary } from '../core/engine.ts';
import { cloudOptionsFrom, escapeControl, openRoot, printJson, warn, withRoot, type CloudCliOptions, type CommonOptions } from './output.ts';

interface IndexCommandOptions extends CommonOptions, CloudCliOptions {
  exclude?: string[];
  dryRun?: boolean;
  yes?: boolean;
}

/** On a terminal, sending more images than this asks first (unless --yes). */
export const ASK_ABOVE_IMAGES = 20;

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
  const parts = [`${cloud.done} tagged`, `${cloud.fromLedger} from the ledger`, `${cloud.failed} failed`, `${cloud.waiting} waiting`, `${cloud.blocked} blocked`, `${cloud.skipped} skipped`];
  const tokens = cloud.sent > 0 ? `, ${cloud.requests} requests, ${cloud.tokensIn} tokens in / ${cloud.tokensOut} out` : '';
  return `cloud: ${parts.join(', ')}${tokens}${cloud.stoppedReason ? ` (${escapeControl(cloud.stoppedReason)})` : ''}\n`;
}

function usd(value: number): string {
  return value >= 0.01 ? value.toFixed(2) : value.toFixed(4);
}

/** "Tag 1,234 images with Gemini (gemini-2.5-flash-lite), once, for about $0.10?" and what the cap leaves. */
export function spendQuestion(plan: CloudPlan): string {
  const waiting = plan.overCap > 0 ? ` ${plan.overCap.toLocaleString('en-US')} more wait for a later run (the cap is ${plan.maxImagesPerRun} images a run; --max-images N or --yes to change it).` : '';
  return `Tag ${plan.images.toLocaleString('en-US')} images with Gemini (${plan.model}), once, for about $${usd(plan.estimatedCostUsd)}?${waiting} [y/N] `;
}

async function askOnTerminal(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}

/**
 * The cloud step after local indexing. With a key on a terminal, more than ASK_ABOVE_IMAGES images are
 * sent only after a yes; without a terminal at most the cap (500, --max-images N, or no cap with --yes).
 */
async function cloudStep(lens: AssetLens, cloud: CloudOptions, options: IndexCommandOptions, onProgress: (p: Progress) => void): Promise<CloudRunSummary | null> {
  if (!cloud.enabled) return null;
  const plan = lens.planCloud();
  if (cloud.apiKey && plan.images > ASK_ABOVE_IMAGES && !options.yes && process.stdin.isTTY && !(await askOnTerminal(spendQuestion(plan)))) {
    const waiting = plan.images + plan.overCap;
    return { ...emptyCloudSummary(), model: plan.model, waiting, overCap: plan.overCap, stoppedReason: `not sent (answered no); ${waiting} images wait as pending` };
  }
  return lens.tagWaiting({ onProgress });
}

export async function indexCommand(root: string, options: IndexCommandOptions): Promise<void> {
  const cloud = cloudOptionsFrom({ ...options, maxImages: options.maxImages ?? (options.yes ? Number.POSITIVE_INFINITY : undefined) });
  const lens = await openRoot(root, options, cloud);
  const progress = progressReporter();
  try {
    // Local work (and the free ledger answers) first: it is needed to know what waits for Gemini.
    const summary = await lens.index({ onProgress: progress.onProgress, cloud: false, onWarning: warn });
    progress.stop();
    if (options.dryRun) {
      const plan = lens.planCloud();
      if (options.json) printJson({ ...summary, dryRun: plan });
      else {
        const overCap = plan.overCap > 0 ? `, ${plan.overCap} more over the cap of ${plan.maxImagesPerRun}` : '';
        process.stdout.write(`dry run: ${plan.images} images would be sent to ${plan.model}, estimated cost $${plan.estimatedCostUsd.toFixed(4)}${overCap}; ${plan.skipped} excluded from the cloud\n`);
      }
      return;
    }
    const started = performance.now();
    const tagged = await cloudStep(lens, cloud, options, progress.onProgress);
    // The local pass already took the ledger's answers: count them where a cloud run would.
    summary.cloud = tagged && { ...tagged, fromLedger: tagged.fromLedger + summary.fromLedger };
    // A ledger that could not be written during the cloud step says more than what reading it found.
    summary.ledgerProblem = tagged?.ledgerProblem ?? summary.ledgerProblem;
    summary.seconds += (performance.now() - started) / 1000;
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
