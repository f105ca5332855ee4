// "Asset Lens: Set Gemini API Key": says what is sent and what it costs, links to where a key is
// made, and checks the key with one cheap call before saving it.
import * as vscode from 'vscode';
import type { ApiKeyStore } from './api-key.ts';
import { describe } from './errors.ts';

export const API_KEY_PAGE = 'https://aistudio.google.com/apikey';

/** Checks a key against Gemini; resolves to null when it works, else to the reason it does not. */
export type KeyCheck = (key: string) => Promise<string | null>;

/** The prompt's explanation: what leaves the machine and what 1,000 images cost with this model. */
export function keyPromptText(model: string, costPerThousandUsd: number): string {
  const cost = costPerThousandUsd < 0.01 ? 'under $0.01' : `about $${costPerThousandUsd.toFixed(2)}`;
  return (
    `Gemini gets each image once, downscaled to at most 768 px and stripped of metadata — pixels only, never file names or paths. ` +
    `With ${model} that costs ${cost} per 1,000 images. Get a key at ${API_KEY_PAGE.replace('https://', '')}; it is kept in VS Code's secret storage.`
  );
}

/** Asks for a key until one passes the check (or the user gives up); returns it, or undefined. */
export async function promptForApiKey(prompt: string, check: KeyCheck): Promise<string | undefined> {
  const input = vscode.window.createInputBox();
  const openPage: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: `Get a key: ${API_KEY_PAGE}` };
  input.title = 'Asset Lens: Set Gemini API Key';
  input.prompt = prompt;
  input.placeholder = 'Paste a Gemini API key from Google AI Studio';
  input.password = true;
  input.ignoreFocusOut = true;
  input.buttons = [openPage];
  return new Promise<string | undefined>((resolve) => {
    let result: string | undefined;
    let checking = 0;
    const disposables = [
      input.onDidTriggerButton(() => void vscode.env.openExternal(vscode.Uri.parse(API_KEY_PAGE))),
      input.onDidChangeValue(() => (input.validationMessage = undefined)),
      input.onDidAccept(async () => {
        const key = input.value.trim();
        if (!key) {
          input.validationMessage = `Enter an API key (get one at ${API_KEY_PAGE})`;
          return;
        }
        const attempt = ++checking;
        input.busy = true;
        input.enabled = false;
        input.validationMessage = undefined;
        let problem: string | null;
        try {
          problem = await check(key);
        } catch (error) {
          problem = describe(error);
        }
        if (attempt !== checking) return;
        input.busy = false;
        input.enabled = true;
        if (problem) {
          input.validationMessage = `This key did not work: ${problem}`;
          return;
        }
        result = key;
        input.hide();
      }),
      input.onDidHide(() => {
        for (const disposable of disposables) disposable.dispose();
        input.dispose();
        resolve(result);
      }),
    ];
    input.show();
  });
}

/**
 * "Asset Lens: Set Gemini API Key". A key passed as the argument (scripts, tests) is checked the same
 * way as a typed one. Returns whether a key was saved.
 */
export async function setApiKey(apiKeys: ApiKeyStore, model: string, log: vscode.LogOutputChannel, given?: unknown): Promise<boolean> {
  // Loaded on use (the engine's own bundle): the Gemini SDK is not needed to activate.
  const { checkGeminiKey, estimateImagesCostUsd } = await import('../core/engine.ts');
  // Environment only, never a setting (as for tagging): a workspace must not send the key elsewhere.
  const baseUrl = process.env.ASSET_LENS_GEMINI_BASE_URL || undefined;
  const check: KeyCheck = async (key) => {
    const result = await checkGeminiKey(key, { baseUrl, model });
    log.info(`Gemini key check: ${result.status} (${result.message})`);
    return result.status === 'ok' ? null : result.message;
  };
  let key: string | undefined;
  if (typeof given === 'string') {
    const problem = await check(given);
    if (problem) void vscode.window.showErrorMessage(`Asset Lens: the Gemini API key was not saved: ${problem}`);
    else key = given.trim();
  } else {
    key = await promptForApiKey(keyPromptText(model, estimateImagesCostUsd(1000, model)), check);
  }
  if (!key) return false;
  await apiKeys.set(key);
  log.info('Gemini API key checked and saved in secret storage');
  void vscode.window.showInformationMessage('Asset Lens: Gemini API key checked and saved.');
  return true;
}
