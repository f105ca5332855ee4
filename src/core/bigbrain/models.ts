// The Gemini models Asset Lens tags with: price, image tokens and whether the request asks for low
// media resolution. One table; cost estimates, the request config, the README and the "unknown model"
// message all read it.
//
// Prices: USD per million tokens, paid tier, standard (interactive) mode; the Batch API bills half.
// Source: https://ai.google.dev/gemini-api/docs/pricing — 2.5 Flash-Lite and 3.5 Flash-Lite as the
// page read on 2026-10-07, 3.1 Flash-Lite as published at its launch on 2026-03-03 (unchanged
// since). Lifecycle: https://ai.google.dev/gemini-api/docs/deprecations, read 2026-11-10:
// gemini-2.5-flash and gemini-2.5-pro shut down on 2026-12-01; gemini-2.5-flash-lite "is not
// deprecated and remains available through the API until further notice" (a legacy model: Google
// may announce its shutdown at any time). Prices taken: 2026-12-02.
// Image tokens: Gemini 2.x counts an image of at most 768×768 (what prepare-image sends) as one tile
// of 258 tokens; Gemini 3.x counts by media_resolution, 280 at MEDIA_RESOLUTION_LOW against 1,120
// at its default, so tagging asks for low on those models.

export const MODEL_PRICES_TAKEN = '2026-12-02';
export const MODEL_PRICES_SOURCE = 'https://ai.google.dev/gemini-api/docs/pricing';

export interface CloudModel {
  name: string;
  inputPerMillion: number;
  outputPerMillion: number;
  /** Input tokens one prepared image costs, at the resolution the request asks for. */
  imageTokens: number;
  /** Whether requests set mediaResolution: MEDIA_RESOLUTION_LOW (Gemini 3.x prices images by it). */
  mediaResolutionLow: boolean;
  status: 'current' | 'legacy';
}

export const CLOUD_MODELS: readonly CloudModel[] = [
  { name: 'gemini-3.5-flash-lite', inputPerMillion: 0.3, outputPerMillion: 2.5, imageTokens: 280, mediaResolutionLow: true, status: 'current' },
  { name: 'gemini-3.1-flash-lite', inputPerMillion: 0.25, outputPerMillion: 1.5, imageTokens: 280, mediaResolutionLow: true, status: 'current' },
  { name: 'gemini-2.5-flash-lite', inputPerMillion: 0.1, outputPerMillion: 0.4, imageTokens: 258, mediaResolutionLow: false, status: 'legacy' },
];

/**
 * The cheapest model, and not retired: Google keeps gemini-2.5-flash-lite "available through the API
 * until further notice" ($0.08 per 1,000 images against $0.25 and $0.37 for the 3.x Flash-Lites).
 * When Google shuts it down, the API's 404 stops the run with one message naming the setting and
 * the models above; nothing moves to a dearer model without the user choosing it.
 */
export const DEFAULT_CLOUD_MODEL = 'gemini-2.5-flash-lite';

/** A model this table does not know (a new or a dearer one) is priced like Gemini 3.1 Pro, so an estimate never undersells. */
const UNKNOWN_MODEL: Omit<CloudModel, 'name'> = { inputPerMillion: 2, outputPerMillion: 12, imageTokens: 1120, mediaResolutionLow: false, status: 'current' };

/** The table's entry for a model name; dated or preview variants ("…-preview-09-2026", "models/…") count as their family. */
export function cloudModel(model: string): CloudModel {
  const name = model.replace(/^models\//, '');
  const known = CLOUD_MODELS.filter((entry) => name === entry.name || name.startsWith(`${entry.name}-`)).sort((a, b) => b.name.length - a.name.length)[0];
  return known ?? { name, ...UNKNOWN_MODEL };
}

export function isSupportedModel(model: string): boolean {
  return CLOUD_MODELS.some((entry) => entry.name === cloudModel(model).name);
}

export function supportedModelNames(): string {
  return CLOUD_MODELS.map((entry) => entry.name).join(', ');
}
