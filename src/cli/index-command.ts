import { SingleBar, Presets } from 'cli-progress';
import type { Progress } from '../core/types.ts';
import { openRoot, printJson, type CommonOptions } from './output.ts';

interface IndexCommandOptions extends CommonOptions {
  exclude?: string[];
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
      bar.update(p.done, { stage: p.stage.padEnd(5), path: p.path ?? '' });
    },
    stop: () => bar.stop(),
  };
}

export async function indexCommand(root: string, options: IndexCommandOptions): Promise<void> {
  const lens = await openRoot(root, options);
  const progress = progressReporter();
  try {
    const summary = await lens.index({ onProgress: progress.onProgress });
    progress.stop();
    if (options.json) {
      printJson(summary);
      return;
    }
    const rate = summary.seconds > 0 ? ` (${((summary.new + summary.changed) / summary.seconds).toFixed(1)} images/s)` : '';
    process.stdout.write(
      `${summary.files} files: ${summary.new} new, ${summary.changed} changed, ${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.failed.length} failed, in ${summary.seconds.toFixed(2)} s${rate}\n`,
    );
    for (const failure of summary.failed) process.stdout.write(`  failed: ${failure.path}: ${failure.reason}\n`);
  } finally {
    progress.stop();
    lens.close();
  }
}
