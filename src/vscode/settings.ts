import * as vscode from 'vscode';
import { DEFAULT_CLOUD_MODEL } from '../core/bigbrain/models.ts';

export interface Settings {
  cloudEnabled: boolean;
  cloudModel: string;
  cloudExclude: string[];
  exclude: string[];
  maxImagesPerRun: number | undefined;
  autoIndex: boolean;
  autoTagOnPull: boolean;
  indexDir: string | undefined;
}

/** Settings whose change means the open indexes must be reopened with new options. */
export const REOPEN_ON_CHANGE = ['assetLens.cloud', 'assetLens.exclude', 'assetLens.maxImagesPerRun', 'assetLens.indexDir'];

/**
 * A setting that costs money: only the user's own value (user settings) or the default counts.
 * A repository's .vscode/settings.json must not turn Gemini on, pick a dearer model or lift the cap.
 */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

/** Privacy globs add up: a workspace may exclude more from the cloud, never less than the user does. */
function mergedList(config: vscode.WorkspaceConfiguration, key: string): string[] {
  const inspected = config.inspect<string[]>(key);
  const layers = [inspected?.defaultValue, inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue];
  return [...new Set(layers.flatMap((layer) => (Array.isArray(layer) ? layer.filter((item) => typeof item === 'string') : [])))];
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration('assetLens', scope);
  const maxImages = userValue<number | null>(config, 'maxImagesPerRun', null);
  return {
    cloudEnabled: userValue(config, 'cloud.enabled', true),
    cloudModel: userValue(config, 'cloud.model', DEFAULT_CLOUD_MODEL) || DEFAULT_CLOUD_MODEL,
    cloudExclude: mergedList(config, 'cloud.exclude'),
    exclude: config.get<string[]>('exclude', []),
    maxImagesPerRun: typeof maxImages === 'number' && maxImages > 0 ? Math.floor(maxImages) : undefined,
    autoIndex: config.get('autoIndex', true),
    autoTagOnPull: config.get('autoTagOnPull', true),
    indexDir: config.get<string>('indexDir') || undefined,
  };
}
