import assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveInsideWorkspace } from '../../src/vscode/workspace-path.ts';

describe('resolveInsideWorkspace', () => {
  const roots = ['/ws', '/other/root'];
  const posix = path.posix;

  it('resolves a relative path inside the base folder', () => {
    assert.equal(resolveInsideWorkspace('icons/logo.png', '/ws', roots, posix), '/ws/icons/logo.png');
  });

  it('accepts the root itself and normalises inner `..`', () => {
    assert.equal(resolveInsideWorkspace('.', '/ws', roots, posix), '/ws');
    assert.equal(resolveInsideWorkspace('a/../b.png', '/ws', roots, posix), '/ws/b.png');
  });

  it('refuses `..` escapes out of every root', () => {
    assert.equal(resolveInsideWorkspace('../etc/passwd', '/ws', roots, posix), null);
    assert.equal(resolveInsideWorkspace('icons/../../secret.png', '/ws', roots, posix), null);
    assert.equal(resolveInsideWorkspace('..', '/ws', roots, posix), null);
  });

  it('refuses absolute paths outside the roots, accepts those inside any root', () => {
    assert.equal(resolveInsideWorkspace('/etc/passwd', '/ws', roots, posix), null);
    assert.equal(resolveInsideWorkspace('/other/root/x.png', '/ws', roots, posix), '/other/root/x.png');
  });

  it('does not take a sibling folder sharing the prefix for the root (/ws-evil vs /ws)', () => {
    assert.equal(resolveInsideWorkspace('/ws-evil/x.png', '/ws', roots, posix), null);
    assert.equal(resolveInsideWorkspace('../ws-evil/x.png', '/ws', roots, posix), null);
    assert.equal(resolveInsideWorkspace('/other/root2/x.png', '/ws', roots, posix), null);
  });

  it('accepts names that merely start with two dots', () => {
    assert.equal(resolveInsideWorkspace('..hidden/x.png', '/ws', roots, posix), '/ws/..hidden/x.png');
  });

  it('refuses NUL bytes', () => {
    assert.equal(resolveInsideWorkspace('x.png\0.txt', '/ws', roots, posix), null);
  });

  it('handles Windows drives and separators', () => {
    const win = path.win32;
    assert.equal(resolveInsideWorkspace('icons\\a.png', 'C:\\ws', ['C:\\ws'], win), 'C:\\ws\\icons\\a.png');
    assert.equal(resolveInsideWorkspace('D:\\ws\\a.png', 'C:\\ws', ['C:\\ws'], win), null);
    assert.equal(resolveInsideWorkspace('..\\ws-evil\\a.png', 'C:\\ws', ['C:\\ws'], win), null);
  });

  it('refuses everything when there is no workspace folder', () => {
    assert.equal(resolveInsideWorkspace('a.png', '/ws', [], posix), null);
  });
});
