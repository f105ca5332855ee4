import * as vscode from 'vscode';
import type { Progress } from '../core/types.ts';

const STAGE_LABEL: Record<Progress['stage'], string> = {
  scan: 'Scanning',
  index: 'Indexing',
  embed: 'Embedding',
  cloud: 'Tagging with Gemini',
};

export type ProgressWork<T> = (signal: AbortSignal, report: (progress: Progress) => void) => Promise<T>;

/** Runs long work in a cancellable notification; Cancel aborts the signal handed to the work. */
export function withCancellableProgress<T>(title: string, work: ProgressWork<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    return work(controller.signal, reporter(progress)).finally(() => subscription.dispose());
  });
}

/** Runs background work with a quiet spinner in the status bar. */
export function withBackgroundProgress<T>(title: string, work: ProgressWork<T>, signal: AbortSignal): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, (progress) => work(signal, reporter(progress)));
}

/** Turns engine progress into throttled messages with a per-stage percentage. */
function reporter(progress: vscode.Progress<{ message?: string; increment?: number }>): (p: Progress) => void {
  let lastReport = 0;
  return (p) => {
    const now = Date.now();
    if (now - lastReport < 100 && p.done < p.total) return;
    lastReport = now;
    const percent = p.total > 0 ? ` ${Math.floor((p.done / p.total) * 100)}%` : '';
    progress.report({ message: `${STAGE_LABEL[p.stage]} ${p.done}/${p.total}${percent}` });
  };
}
