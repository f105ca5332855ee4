import assert from 'node:assert/strict';
import type { Tag } from '../../src/core/types.ts';
describe('smoke', () => { it('runs ts', () => { const t: Tag = { text: 'a', source: 'path', field: 'path' }; assert.equal(t.text, 'a'); }); });
