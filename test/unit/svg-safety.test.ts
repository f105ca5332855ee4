import assert from 'node:assert/strict';
import { looksLikeSvg, sanitizeSvg } from '../../src/core/svg-safety.ts';

describe('svg safety', () => {
  it('removes scripts, event handlers, external references and remote CSS', () => {
    const dirty = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
      <script>alert(2)</script>
      <style>@import url(http://evil.example/x.css); rect { fill: url(http://evil.example/p.svg#a) }</style>
      <image xlink:href="file:///etc/passwd" width="10" height="10"/>
      <image href="https://evil.example/x.png"/>
      <use href="#local"/>
      <image href="data:image/png;base64,AAAA"/>
    </svg>`;
    const clean = sanitizeSvg(dirty);
    assert.doesNotMatch(clean, /script|onload|evil\.example|etc\/passwd|@import/);
    assert.match(clean, /href="#local"/);
    assert.match(clean, /href="data:image\/png/);
  });

  it('expands internal entities once and drops the DOCTYPE with any external entity', () => {
    const illustrator = `<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY ns_svg "http://www.w3.org/2000/svg">
  <!ENTITY lol "&lol;&lol;&lol;">
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<svg xmlns="&ns_svg;" width="10" height="10"><title>&lol; &secret;</title><rect width="10" height="10"/></svg>`;
    const clean = sanitizeSvg(illustrator);
    assert.doesNotMatch(clean, /DOCTYPE|ENTITY|passwd/);
    assert.match(clean, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(clean, /<title>&lol;&lol;&lol; &secret;<\/title>/, 'expanded once, never recursively; external entities stay unresolved text');
  });

  it('recognises SVG by content', () => {
    assert.ok(looksLikeSvg(Buffer.from('<?xml version="1.0"?>\n<svg></svg>')));
    assert.ok(!looksLikeSvg(Buffer.from('\x89PNG')));
  });
});
