// Prices of the Gemini models (USD per million tokens, paid tier, text/image input), for the estimates
// shown by `status` and `index --dry-run`. The Batch API bills half.
import { DEFAULT_CLOUD_MODEL } from './options.ts';
import { CLOUD_PROMPT } from './prompt-and-schema.ts';

interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
}

// Longest matching prefix wins, so dated or preview variants price like their family.
const PRICES: Record<string, Price> = {
  'gemini-2.0-flash-lite': { inputPerMillion: 0.075, outputPerMillion: 0.3 },
  'gemini-2.0-flash': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gemini-2.5-flash-lite': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gemini-2.5-flash': { inputPerMillion: 0.3, outputPerMillion: 2.5 },
  'gemini-2.5-pro': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gemini-3-flash': { inputPerMillion: 0.5, outputPerMillion: 3 },
  'gemini-3-pro': { inputPerMillion: 2, outputPerMillion: 12 },
};

/** Unknown models are priced like the dearest known one, so an estimate never undersells. */
const UNKNOWN_MODEL_PRICE: Price = { inputPerMillion: 2, outputPerMillion: 12 };

export function priceOf(model: string): Price {
  const name = model.replace(/^models\//, '');
  const match = Object.keys(PRICES)
    .filter((prefix) => name.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  return match ? PRICES[match]! : UNKNOWN_MODEL_PRICE;
}

export type CloudBilling = 'interactive' | 'batch';

export function estimateCostUsd(tokensIn: number, tokensOut: number, model: string, billing: CloudBilling = 'interactive'): number {
  const price = priceOf(model);
  const full = (tokensIn * price.inputPerMillion + tokensOut * price.outputPerMillion) / 1e6;
  return billing === 'batch' ? full / 2 : full;
}

/** An image of at most 768×768 is one tile of 258 tokens. */
export const IMAGE_TOKENS = 258;
/** Rough English tokenisation, about four characters a token. */
export const PROMPT_TOKENS = Math.ceil(CLOUD_PROMPT.length / 4);
/** A typical structured answer for one image. */
export const EXPECTED_OUTPUT_TOKENS = 100;

export function estimateImagesCostUsd(images: number, model: string = DEFAULT_CLOUD_MODEL, billing: CloudBilling = 'interactive'): number {
  return estimateCostUsd(images * (IMAGE_TOKENS + PROMPT_TOKENS), images * EXPECTED_OUTPUT_TOKENS, model, billing);
}
