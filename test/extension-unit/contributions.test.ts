import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { IMAGE_EXTENSIONS, IMAGE_GLOB } from '../../src/core/scan.ts';
import { DEFAULT_CLOUD_MODEL } from '../../src/core/bigbrain/models.ts';
import { COMMANDS, GALLERY_VIEW_TYPE } from '../../src/vscode/command-ids.ts';

interface Manifest {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    keybindings: { command: string }[];
    configuration: { properties: Record<string, { markdownDescription?: string; description?: string; default?: unknown }> };
  };
}

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Manifest;

describe('package.json contributions agree with the code', () => {
  it('contributes exactly the commands of the command table, each titled "Asset Lens: …"', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Asset Lens', command.command);
  });

  it('keeps the titles the end-to-end suite drives', () => {
    const titles = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]));
    assert.equal(titles[COMMANDS.search], 'Asset Lens: Search Assets');
    assert.equal(titles[COMMANDS.openGallery], 'Asset Lens: Open Gallery');
    assert.equal(titles[COMMANDS.indexWorkspace], 'Asset Lens: Index Workspace');
    assert.equal(titles[COMMANDS.setApiKey], 'Asset Lens: Set Gemini API Key');
    assert.equal(titles[COMMANDS.clearApiKey], 'Asset Lens: Clear Gemini API Key');
    assert.equal(titles[COMMANDS.showLog], 'Asset Lens: Show Log');
  });

  it('shows the explorer menu entries for exactly the image types the engine indexes', () => {
    const entries = manifest.contributes.menus['explorer/context']!;
    assert.deepEqual(entries.map((e) => e.command).sort(), [COMMANDS.findSimilar, COMMANDS.findUsages, COMMANDS.tagWithGemini].sort());
    for (const entry of entries) {
      const regex = /resourceExtname =~ \/(.+)\/i/.exec(entry.when ?? '')?.[1];
      assert.ok(regex, `${entry.command} has a resourceExtname condition`);
      const matches = new RegExp(regex.replace(/\\\\/g, '\\'), 'i');
      for (const ext of IMAGE_EXTENSIONS) assert.ok(matches.test(`.${ext}`), `${entry.command} matches .${ext}`);
      for (const ext of ['.txt', '.pngx', '.ts']) assert.ok(!matches.test(ext), `${entry.command} ignores ${ext}`);
    }
  });

  it('activates on a workspace holding any image type the engine indexes', () => {
    assert.ok(manifest.activationEvents.includes(`workspaceContains:${IMAGE_GLOB}`), manifest.activationEvents.join(', '));
    for (const ext of IMAGE_EXTENSIONS) assert.ok(IMAGE_GLOB.includes(`,${ext},`) || IMAGE_GLOB.includes(`{${ext},`), ext);
  });

  it("defaults the Gemini model setting to the engine's default", () => {
    assert.equal(manifest.contributes.configuration.properties['assetLens.cloud.model']?.default, DEFAULT_CLOUD_MODEL);
  });

  it('restores the gallery after a reload and binds the search key', () => {
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${GALLERY_VIEW_TYPE}`));
    assert.ok(manifest.contributes.keybindings.some((k) => k.command === COMMANDS.search));
  });

  it('documents every setting and limits it in Restricted Mode where it matters', () => {
    for (const [key, setting] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok((setting.markdownDescription ?? setting.description ?? '').length > 20, `${key} is documented`);
    }
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const key of restricted) assert.ok(key in manifest.contributes.configuration.properties, `${key} exists`);
    assert.ok(restricted.includes('assetLens.cloud.enabled'));
  });
});
