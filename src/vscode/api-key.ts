import type * as vscode from 'vscode';

const SECRET_KEY = 'assetLens.geminiApiKey';

/** The Gemini API key: SecretStorage first, then the GEMINI_API_KEY environment variable. Never logged. */
export class ApiKeyStore {
  readonly #secrets: vscode.SecretStorage;
  readonly onDidChange: vscode.Event<unknown>;

  constructor(secrets: vscode.SecretStorage) {
    this.#secrets = secrets;
    this.onDidChange = (listener, thisArgs, disposables) =>
      secrets.onDidChange((event) => event.key === SECRET_KEY && listener.call(thisArgs, event), undefined, disposables);
  }

  async get(): Promise<string | undefined> {
    return (await this.#secrets.get(SECRET_KEY)) || process.env.GEMINI_API_KEY || undefined;
  }

  async set(key: string): Promise<void> {
    await this.#secrets.store(SECRET_KEY, key.trim());
  }

  async clear(): Promise<void> {
    await this.#secrets.delete(SECRET_KEY);
  }
}
