// One cloud run's bookkeeping, shared by the interactive queue and batch mode: how each final outcome
// is stored (ledger first, then the index), the counters of the summary and the progress reports.
import type { Store } from '../store/index.ts';
import type { CloudRunSummary, CloudTags, Progress, TokenUsage } from '../types.ts';
import { recordOutcome, recordTagged } from './cloud-records.ts';
import type { CloudWorkItem } from './cloud-work.ts';
import { appendLedgerEntry, type LedgerReport } from './ledger.ts';
import { estimateCostUsd, type CloudBilling } from './cost.ts';
import type { CloudOptions } from './options.ts';

export interface CloudRunContext {
  store: Store;
  root: string;
  options: CloudOptions;
  ledgerPath: string;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  onlyAssetIds?: number[];
  force?: boolean;
  /** The ledger as this run already imported it (an index run reads it before its first embed); read here when absent. */
  ledger?: LedgerReport;
}

export function emptySummary(): CloudRunSummary {
  return {
    sent: 0,
    done: 0,
    failed: 0,
    blocked: 0,
    skipped: 0,
    fromLedger: 0,
    claimedElsewhere: 0,
    waiting: 0,
    overCap: 0,
    model: '',
    requests: 0,
    tokensIn: 0,
    tokensOut: 0,
    stoppedReason: null,
    ledgerProblem: null,
    seconds: 0,
  };
}

export class CloudRunState {
  readonly summary = emptySummary();
  private finished = 0;
  private readonly store: Store;
  private readonly ledgerPath: string;
  private readonly model: string;
  private readonly onProgress: ((progress: Progress) => void) | undefined;
  private total = 0;
  /** Set once an answer could not be appended to the ledger: the end-of-run rewrite is skipped too. */
  ledgerWriteFailed = false;

  constructor(context: CloudRunContext, model: string) {
    this.store = context.store;
    this.ledgerPath = context.ledgerPath;
    this.model = model;
    this.onProgress = context.onProgress;
    this.summary.model = model;
  }

  start(total: number): void {
    this.total = total;
    this.onProgress?.({ stage: 'cloud', done: 0, total });
  }

  countUsage(usage: TokenUsage): void {
    this.summary.tokensIn += usage.promptTokens;
    this.summary.tokensOut += usage.outputTokens;
  }

  /** Ledger first: if the process dies between the two writes, the next run imports the answer instead of paying again. */
  tagged(item: CloudWorkItem, tags: CloudTags, usage: TokenUsage, requests: number, billing: CloudBilling = 'interactive'): void {
    const date = new Date().toISOString();
    try {
      appendLedgerEntry(this.ledgerPath, { hash: item.hash, model: this.model, date, tags });
    } catch (error) {
      // A ledger planted as a link or a huge file is never written; the paid answer is kept in the index.
      if (!this.ledgerWriteFailed) this.summary.ledgerProblem = `${(error as Error).message.split('\n')[0]}; answers kept in the index only`;
      this.ledgerWriteFailed = true;
    }
    recordTagged(this.store, item.assetId, { tags, model: this.model, date, usage, requests, costUsd: this.cost(usage, billing) });
    this.summary.done++;
    this.advance(item);
  }

  blocked(item: CloudWorkItem, reason: string, usage: TokenUsage, requests: number, billing: CloudBilling = 'interactive'): void {
    recordOutcome(this.store, item.assetId, { state: 'blocked', error: reason, usage, requests, costUsd: this.cost(usage, billing) });
    this.summary.blocked++;
    this.advance(item);
  }

  failed(item: CloudWorkItem, reason: string, usage: TokenUsage, requests: number, billing: CloudBilling = 'interactive'): void {
    recordOutcome(this.store, item.assetId, { state: 'failed', error: reason, usage, requests, costUsd: this.cost(usage, billing) });
    this.summary.failed++;
    this.advance(item);
  }

  private cost(usage: TokenUsage, billing: CloudBilling): number {
    return estimateCostUsd(usage.promptTokens, usage.outputTokens, this.model, billing);
  }

  stop(reason: string): void {
    this.summary.stoppedReason ??= reason;
  }

  private advance(item: CloudWorkItem): void {
    this.finished++;
    this.onProgress?.({ stage: 'cloud', done: this.finished, total: this.total, path: item.path });
  }
}
