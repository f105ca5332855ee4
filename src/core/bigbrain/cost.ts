// Cost estimates for `status`, `index --dry-run`, the CLI prompt and the extension's consent
// question, from the model table (models.ts). The Batch API bills half.
import { cloudModel, DEFAULT_CLOUD_MODEL } from './models.ts';
import { CLOUD_PROMPT } from './prompt-and-schema.ts';

export type CloudBilling = 'interactive' | 'batch';

export function estimateCostUsd(tokensIn: number, tokensOut: number, model: string, billing: CloudBilling = 'interactive'): number {
  const price = cloudModel(model);
  const full = (tokensIn * price.inputPerMillion + tokensOut * price.outputPerMillion) / 1e6;
  return billing === 'batch' ? full / 2 : full;
}

/** Rough English tokenisation, about four characters a token. */
export const PROMPT_TOKENS = Math.ceil(CLOUD_PROMPT.length / 4);
/** A typical structured answer for one image. */
export const EXPECTED_OUTPUT_TOKENS = 100;

export function estimateImagesCostUsd(images: number, model: string = DEFAULT_CLOUD_MODEL, billing: CloudBilling = 'interactive'): number {
  const imageTokens = cloudModel(model).imageTokens;
  return estimateCostUsd(images * (imageTokens + PROMPT_TOKENS), images * EXPECTED_OUTPUT_TOKENS, model, billing);
}
