// BigBrain settings: what the engine passes in, and the defaults that fill the gaps.
import { DEFAULT_CLOUD_MODEL } from './models.ts';

export { DEFAULT_CLOUD_MODEL };

/** The budget of one run when nobody set one: the rest waits for the next run. */
export const DEFAULT_MAX_IMAGES_PER_RUN = 500;
/** Images failing one after another (no answer in between) before the run stops: the endpoint, not the images, is the problem. */
export const DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;

export interface CloudOptions {
  enabled: boolean;
  /** From GEMINI_API_KEY (CLI) or SecretStorage (extension); never logged or stored. */
  apiKey?: string;
  model?: string;
  /** Endpoint override for tests and proxies (the SDK's httpOptions.baseUrl). */
  baseUrl?: string;
  /** Globs (picomatch, relative to the root) whose images never leave the machine. */
  exclude?: string[];
  /** Images sent at most in one run (default 500); `Infinity` lifts the cap. */
  maxImagesPerRun?: number;
  /** Images failed in a row before the run stops with one message (default 3). */
  maxConsecutiveFailures?: number;
  /** Send through the Batch API (half price, asynchronous) instead of one request per image. */
  batch?: boolean;
  /** Upper bound of requests in flight; AIMD moves between 1 and this. */
  maxConcurrency?: number;
  requestTimeoutMs?: number;
  /** Tries per image for server errors and timeouts, before the image is marked failed. */
  maxTries?: number;
  /** Base and cap of the exponential backoff between tries. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How often a batch job is polled. */
  batchPollMs?: number;
  /** Largest inline payload of one batch job (the API takes up to 20 MB). */
  batchMaxBytes?: number;
}

export type ResolvedCloudOptions = Required<Omit<CloudOptions, 'apiKey' | 'baseUrl'>> & Pick<CloudOptions, 'apiKey' | 'baseUrl'>;

export function resolveCloudOptions(options: CloudOptions): ResolvedCloudOptions {
  return {
    enabled: options.enabled,
    apiKey: options.apiKey || undefined,
    model: options.model || DEFAULT_CLOUD_MODEL,
    baseUrl: options.baseUrl || undefined,
    exclude: options.exclude ?? [],
    maxImagesPerRun: Math.max(0, options.maxImagesPerRun ?? DEFAULT_MAX_IMAGES_PER_RUN),
    maxConsecutiveFailures: Math.max(1, options.maxConsecutiveFailures ?? DEFAULT_MAX_CONSECUTIVE_FAILURES),
    batch: options.batch ?? false,
    maxConcurrency: Math.max(1, options.maxConcurrency ?? 8),
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
    maxTries: Math.max(1, options.maxTries ?? 4),
    backoffBaseMs: options.backoffBaseMs ?? 1_000,
    backoffMaxMs: options.backoffMaxMs ?? 60_000,
    batchPollMs: options.batchPollMs ?? 30_000,
    batchMaxBytes: options.batchMaxBytes ?? 18_000_000,
  };
}
