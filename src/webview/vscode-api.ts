// The webview's handle on VS Code: typed messages out, and state that survives reloads and hiding.
import type { WebviewMessage } from './protocol.ts';
import type { ViewState } from './view-state.ts';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  /** Whatever was saved last, possibly by an older version: read it with restoreViewState. */
  getState(): unknown;
  setState(state: ViewState): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

/** acquireVsCodeApi may be called once per page. */
export const vscode: VsCodeApi = acquireVsCodeApi();
