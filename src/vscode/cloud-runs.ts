// Every spend on Gemini the extension makes without an explicit "Tag with Gemini" goes through here.
// Nothing is sent for a workspace folder until the user agreed for that folder, in one notification
// naming Gemini, the count and the estimated cost; the answer is kept in workspaceState. A backlog
// larger than the per-run cap asks again. A pull sends only the images it brought. Runs stop when
// cancelled, or when the key, the settings or trust change (WorkspaceLenses.cloudStopSignal).
import * as vscode from 'vscode';
import type { CloudPlan, CloudRunSummary } from '../core/engine.ts';
import { describe, isAbort } from './errors.ts';
import { withCancellableProgress } from './progress.ts';
import type { WorkspaceLenses } from './workspace-lenses.ts';

export type ConsentAnswer = 'tag' | 'not-now' | 'never';

const ANSWERS: Record<string, ConsentAnswer> = { Tag: 'tag', 'Not now': 'not-now', 'Never for this folder': 'never' };

/** Why images of a folder wait for Gemini; what the status bar says. */
export type WaitReason = 'asking' | 'not-now' | 'never' | 'over-cap' | 'stopped';

export interface FolderWaiting {
  folder: vscode.WorkspaceFolder;
  images: number;
  reason: WaitReason;
  /** The run's own words when it stopped early; the estimate while asking. */
  detail: string;
}

export interface OfferOptions {
  /** Only these images (POSIX paths relative to the folder), e.g. what a pull brought. */
  paths?: readonly string[];
  /** The user asked (command, status bar): ask again even after "Not now" or "Never". */
  review?: boolean;
  /** An answer given with the command (keybindings, automation): used instead of asking. */
  answer?: ConsentAnswer;
}

function usd(value: number): string {
  return value >= 0.01 ? `$${value.toFixed(2)}` : value > 0 ? `$${value.toFixed(4)}` : '$0';
}

/** "Tag 1,234 images in "site" with Gemini (gemini-2.5-flash-lite), once, for about $0.10?" */
export function consentQuestion(folder: string, plan: CloudPlan, pulled: boolean): string {
  const what = pulled ? `the ${plan.images.toLocaleString('en-US')} image${plan.images === 1 ? '' : 's'} this pull brought` : `${plan.images.toLocaleString('en-US')} image${plan.images === 1 ? '' : 's'}`;
  const later =
    plan.overCap > 0
      ? ` ${plan.overCap.toLocaleString('en-US')} more wait for later runs (at most ${plan.maxImagesPerRun.toLocaleString('en-US')} a run, assetLens.maxImagesPerRun).`
      : '';
  return `Asset Lens: tag ${what} in "${folder}" with Gemini (${plan.model}), once, for about ${usd(plan.estimatedCostUsd)}?${later} Images are sent as pixels only; answers are shared through the team ledger.`;
}

export function describeCloudSummary(summary: CloudRunSummary): string {
  const parts = [`${summary.done} tagged`, `${summary.failed} failed`, `${summary.waiting} waiting`];
  if (summary.fromLedger > 0) parts.push(`${summary.fromLedger} from the team ledger`);
  return `${parts.join(', ')}${summary.stoppedReason ? ` (${summary.stoppedReason})` : ''}`;
}

export class CloudRunner implements vscode.Disposable {
  readonly #lenses: WorkspaceLenses;
  readonly #state: vscode.Memento;
  readonly #log: vscode.LogOutputChannel;
  /** Folders answered "Not now" this session: not asked again automatically until reload. */
  readonly #notNow = new Set<string>();
  readonly #asking = new Set<string>();
  readonly #waiting = new Map<string, FolderWaiting>();
  readonly #onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this.#onDidChange.event;

  constructor(lenses: WorkspaceLenses, state: vscode.Memento, log: vscode.LogOutputChannel) {
    this.#lenses = lenses;
    this.#state = state;
    this.#log = log;
  }

  /** The folder's remembered answer: 'tag' (send without asking while it fits the cap), 'never', or none yet. */
  consent(folder: vscode.WorkspaceFolder): 'tag' | 'never' | undefined {
    return this.#state.get<'tag' | 'never'>(consentKey(folder));
  }

  /** What waits for Gemini and why, per folder, for the status bar. */
  get waiting(): readonly FolderWaiting[] {
    return [...this.#waiting.values()].filter((entry) => entry.images > 0);
  }

  /**
   * After local indexing: sends what waits in the folder (or just `paths`) when the user agreed and it
   * fits the cap; otherwise asks, once, without blocking the caller. Returns when the question is
   * shown (or the run is done); false when nothing waits.
   */
  async offer(folder: vscode.WorkspaceFolder, options: OfferOptions = {}): Promise<boolean> {
    if (!(await this.#lenses.cloudKey(folder))) {
      this.#setWaiting(folder, undefined);
      return false;
    }
    const plan = (await this.#lenses.lens(folder)).planCloud(options.paths);
    if (plan.images === 0) {
      if (!options.paths) this.#setWaiting(folder, undefined);
      return false;
    }
    await this.#decide(folder, plan, options);
    return true;
  }

  async #decide(folder: vscode.WorkspaceFolder, plan: CloudPlan, options: OfferOptions): Promise<void> {
    const key = folder.uri.toString();
    const consent = this.consent(folder);
    const answer = options.answer;
    if (answer) return this.#apply(folder, answer, options.paths);
    if (consent === 'tag' && plan.overCap === 0) return this.#run(folder, options.paths);
    const total = plan.images + plan.overCap;
    if (!options.review && consent === 'never') return this.#setWaiting(folder, { images: total, reason: 'never', detail: '' });
    if (!options.review && this.#notNow.has(key)) return this.#setWaiting(folder, { images: total, reason: 'not-now', detail: '' });
    if (this.#asking.has(key)) return;
    this.#asking.add(key);
    this.#setWaiting(folder, { images: total, reason: 'asking', detail: `about ${usd(plan.estimatedCostUsd)} for ${plan.images}` });
    this.#log.info(`asking before tagging ${plan.images} image(s) of ${folder.name} with Gemini (${plan.model}, about ${usd(plan.estimatedCostUsd)}; ${plan.overCap} over the cap)`);
    // Not awaited: indexing and pulls go on while the question is open.
    void vscode.window.showInformationMessage(consentQuestion(folder.name, plan, Boolean(options.paths)), ...Object.keys(ANSWERS)).then(
      (choice) => {
        this.#asking.delete(key);
        return this.#apply(folder, choice ? ANSWERS[choice]! : 'not-now', options.paths);
      },
      (error: unknown) => {
        this.#asking.delete(key);
        this.#log.error(`asking about Gemini for ${folder.name} failed: ${describe(error)}`);
      },
    );
  }

  async #apply(folder: vscode.WorkspaceFolder, answer: ConsentAnswer, paths?: readonly string[]): Promise<void> {
    const key = folder.uri.toString();
    if (answer === 'not-now') {
      this.#notNow.add(key);
      this.#log.info(`Gemini tagging of ${folder.name}: not now`);
      const previous = this.#waiting.get(key);
      return this.#setWaiting(folder, previous ? { ...previous, reason: 'not-now' } : undefined);
    }
    await this.#state.update(consentKey(folder), answer);
    this.#notNow.delete(key);
    this.#log.info(`Gemini tagging of ${folder.name}: ${answer === 'tag' ? 'agreed' : 'never'}`);
    if (answer === 'never') {
      const previous = this.#waiting.get(key);
      return this.#setWaiting(folder, previous ? { ...previous, reason: 'never' } : undefined);
    }
    await this.#run(folder, paths);
  }

  /** One capped run in a cancellable notification; its summary decides what the status bar says waits. */
  async #run(folder: vscode.WorkspaceFolder, paths?: readonly string[]): Promise<void> {
    const stop = this.#lenses.cloudStopSignal;
    const title = `Asset Lens: tagging ${paths ? `${paths.length} pulled image${paths.length === 1 ? '' : 's'}` : 'images'} of ${folder.name} with Gemini`;
    let summary: CloudRunSummary | null = null;
    try {
      summary = await withCancellableProgress(title, (cancelled, onProgress) =>
        this.#lenses.activity.track((published) => {
          const signal = AbortSignal.any([cancelled, stop]);
          const report = (progress: Parameters<typeof onProgress>[0]) => (onProgress(progress), published(progress));
          return this.#lenses.write(folder, (lens) =>
            paths ? lens.tagWithCloud(paths, { signal, onProgress: report }) : lens.tagWaiting({ signal, onProgress: report }),
          );
        }),
      );
    } catch (error) {
      if (isAbort(error)) return this.#log.info(`Gemini tagging of ${folder.name} cancelled`);
      this.#log.error(`Gemini tagging of ${folder.name} failed: ${describe(error)}`);
      void vscode.window.showErrorMessage(`Asset Lens: Gemini tagging failed: ${describe(error)}`);
      return;
    }
    if (!summary) return;
    this.#log.info(`Gemini tagging of ${folder.name}: ${describeCloudSummary(summary)}`);
    const stoppedEarly = summary.stoppedReason !== null && summary.overCap === 0 && summary.waiting > 0 && summary.stoppedReason !== 'cancelled';
    if (stoppedEarly) void vscode.window.showWarningMessage(`Asset Lens: Gemini tagging of ${folder.name} stopped: ${summary.stoppedReason}`, 'Show Log').then((choice) => choice && this.#log.show());
    if (paths) return;
    const reason: WaitReason = summary.overCap > 0 ? 'over-cap' : 'stopped';
    this.#setWaiting(folder, summary.waiting > 0 ? { images: summary.waiting, reason, detail: summary.stoppedReason ?? '' } : undefined);
  }

  #setWaiting(folder: vscode.WorkspaceFolder, waiting: Omit<FolderWaiting, 'folder'> | undefined): void {
    if (waiting) this.#waiting.set(folder.uri.toString(), { folder, ...waiting });
    else this.#waiting.delete(folder.uri.toString());
    this.#onDidChange.fire();
  }

  dispose(): void {
    this.#onDidChange.dispose();
  }
}

function consentKey(folder: vscode.WorkspaceFolder): string {
  return `assetLens.cloudConsent:${folder.uri.toString()}`;
}
