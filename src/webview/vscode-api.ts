// The webview's handle on VS Code: typed messages out, and state that survives reloads.
import type { WebviewMessage } from './protocol.ts';

export interface GalleryState {
  query: string;
  scrollTop: number;
  selected: { folder: number; path: string } | null;
}

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): GalleryState | undefined;
  setState(state: GalleryState): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

/** acquireVsCodeApi may be called once per page. */
export const vscode: VsCodeApi = acquireVsCodeApi();
