import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assetLens, suiteConfig } from './support.ts';

describe('Asset Lens commands', () => {
  it('activates and registers every command package.json contributes', async () => {
    await assetLens();
    const { contributedCommands } = suiteConfig();
    assert.ok(contributedCommands.length > 0, 'the runner read the contributed commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributedCommands.filter((command) => !registered.has(command)), [], 'contributed but not registered');
  });
});
