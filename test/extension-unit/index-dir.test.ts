import assert from 'node:assert/strict';
import * as path from 'node:path';
import { indexDirFor } from '../../src/vscode/index-dir.ts';
import { defaultIndexDir } from '../../src/core/index-folder.ts';

describe('indexDirFor', () => {
  const root = path.resolve('/ws/app');

  it('defaults to .vscode/asset-lens in the folder', () => {
    assert.equal(indexDirFor(undefined, root, 'app'), path.join(root, '.vscode', 'asset-lens'));
    assert.equal(indexDirFor('  ', root, 'app'), path.join(root, '.vscode', 'asset-lens'));
    assert.equal(indexDirFor(undefined, root, 'app'), defaultIndexDir(root), "the CLI's default too");
  });

  it('resolves a relative setting against each folder', () => {
    assert.equal(indexDirFor('.cache/lens', root, 'app'), path.join(root, '.cache', 'lens'));
  });

  it('gives each folder its own subfolder of an absolute setting', () => {
    const shared = path.resolve('/var/cache/lens');
    assert.equal(indexDirFor(shared, root, 'app'), path.join(shared, 'app'));
    assert.equal(indexDirFor(shared, root, 'a:b/c'), path.join(shared, 'a_b_c'));
  });
});
