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

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration('assetLens', scope);
  const maxImages = config.get<number | null>('maxImagesPerRun', null);
  return {
    cloudEnabled: config.get('cloud.enabled', true),
    cloudModel: config.get('cloud.model', DEFAULT_CLOUD_MODEL),
    cloudExclude: config.get<string[]>('cloud.exclude', []),
    exclude: config.get<string[]>('exclude', []),
    maxImagesPerRun: typeof maxImages === 'number' && maxImages > 0 ? maxImages : undefined,
    autoIndex: config.get('autoIndex', true),
    autoTagOnPull: config.get('autoTagOnPull', true),
    indexDir: config.get<string>('indexDir') || undefined,
  };
}
