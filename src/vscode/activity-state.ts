// What indexing is doing, as data and as words; no vscode import, so unit tests load it.
import type { Progress } from '../core/types.ts';

export interface IndexActivityState {
  stage: Progress['stage'];
  /** Share of the current stage done, 0–100; null while its size is not known yet (scanning). */
  percent: number | null;
  /** Work items done in this stage: grows each time a batch is committed. */
  done: number;
}

export function activityState(progress: Progress): IndexActivityState {
  const percent = progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : null;
  return { stage: progress.stage, percent, done: progress.done };
}

const STAGE_VERB: Record<Progress['stage'], string> = {
  scan: 'Scanning',
  index: 'Indexing',
  embed: 'Indexing',
  cloud: 'Tagging with Gemini',
};

/** "Indexing 42%", "Scanning…" */
export function describeActivity(state: IndexActivityState): string {
  return state.percent === null ? `${STAGE_VERB[state.stage]}…` : `${STAGE_VERB[state.stage]} ${state.percent}%`;
}
