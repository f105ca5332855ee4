// BigBrain: tag every image once with Gemini, robustly, cheaply and privately.
export { runCloudTagging } from './run.ts';
export type { CloudRunContext } from './run-state.ts';
export type { CloudRunSummary } from '../types.ts';
export { planCloudRun, type CloudPlan } from './cloud-work.ts';
export { importLedger, exportLedger, readLedger, describeLedgerReport, appendUserTags, cleanUserTags, LEDGER_FILE_NAME, type LedgerReport } from './ledger.ts';
export { checkGeminiKey, type KeyCheck, type KeyCheckOptions, type KeyCheckStatus } from './key-check.ts';
export { estimateCostUsd, estimateImagesCostUsd } from './cost.ts';
export { cloudTotals } from '../store/cloud.ts';
export { DEFAULT_CLOUD_MODEL, DEFAULT_MAX_IMAGES_PER_RUN, type CloudOptions } from './options.ts';
export { CLOUD_MODELS, MODEL_PRICES_SOURCE, MODEL_PRICES_TAKEN, cloudModel, supportedModelNames } from './models.ts';
