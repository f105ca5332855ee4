// What indexing is doing, as data and as words; no vscode import, so unit tests load it.
import type { Progress } from '../core/types.ts';

export interface IndexActivityState {
  stage: Progress['stage'];
  /** Share of the current stage done, 0–100; null while its size is not known yet (scanning). */
  percent: number | null;
  /** Work items done in this stage: grows each time a batch is committed (each answer, for Gemini). */
  done: number;
  /** Work items in this stage; 0 while not known. */
  total: number;
}

export function activityState(progress: Progress): IndexActivityState {
  const percent = progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : null;
  return { stage: progress.stage, percent, done: progress.done, total: progress.total };
}

const STAGE_VERB: Record<Progress['stage'], string> = {
  scan: 'Scanning',
  index: 'Indexing',
  embed: 'Indexing',
  cloud: 'Tagging with Gemini',
};

/** "Indexing 42%", "Scanning…"; Gemini runs count images ("Tagging with Gemini 2/5"): each is an answer paid for. */
export function describeActivity(state: IndexActivityState): string {
  if (state.percent === null) return `${STAGE_VERB[state.stage]}…`;
  if (state.stage === 'cloud') return `${STAGE_VERB.cloud} ${Math.min(state.done, state.total).toLocaleString('en-US')}/${state.total.toLocaleString('en-US')}`;
  return `${STAGE_VERB[state.stage]} ${state.percent}%`;
}
