import assert from 'node:assert/strict';
import sharp from 'sharp';
import { looksLikeSvg, sanitizeSvg, SVG_MAX_DEPTH } from '../../src/core/svg-safety.ts';

describe('svg safety', () => {
  it('removes scripts, event handlers, external references and remote CSS', () => {
    const dirty = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
      <script>alert(2)</script>
      <svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(3)</svg:script>
      <style>@import url(http://evil.example/x.css); rect { fill: url(http://evil.example/p.svg#a); stroke: url(#ok) }</style>
      <style><![CDATA[ @import 'http://evil.example/y.css'; ]]></style>
      <image xlink:href="file:///etc/passwd" width="10" height="10"/>
      <image href="https://evil.example/x.png"/>
      <rect style="fill:u\\72l(http://evil.example/escaped.png)" ONCLICK="x()"/>
      <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
      <set attributeName="href" to="http://evil.example/later"/>
      <use href="#local"/>
      <image href="data:image/png;base64,AAAA"/>
    </svg>`;
    const clean = sanitizeSvg(dirty);
    assert.doesNotMatch(clean, /script|alert|onload|onclick|evil\.example|etc\/passwd|@import|foreignObject|html|data:|<set/i);
    assert.match(clean, /<use href="#local"\/>/);
    assert.match(clean, /stroke: url\(#ok\)/);
  });

  it('drops an href under any prefix bound to the xlink namespace', () => {
    const clean = sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><image x:href="http://127.0.0.1:9/t.png"/><use x:href="#a"/></svg>`);
    assert.doesNotMatch(clean, /127\.0\.0\.1/);
    assert.match(clean, /<use x:href="#a"\/>/);
  });

  it('expands small internal entities once and drops the DOCTYPE', () => {
    const illustrator = `<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY ns_svg "http://www.w3.org/2000/svg">
]>
<svg xmlns="&ns_svg;" width="10" height="10"><title>A &amp; B &#65; &unknown;</title><rect width="10" height="10"/></svg>`;
    const clean = sanitizeSvg(illustrator);
    assert.doesNotMatch(clean, /DOCTYPE|ENTITY|<\?xml/);
    assert.match(clean, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(clean, /<title>A &amp; B A &amp;unknown;<\/title>/, 'undeclared entities stay text');
    assert.throws(() => sanitizeSvg('<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]><svg>&secret;</svg>'), /external entity/);
  });

  it('refuses entity bombs, oversized entities and deep nesting instead of expanding them', () => {
    const bomb = `<!DOCTYPE svg [<!ENTITY a "${'x'.repeat(4000)}">]><svg xmlns="http://www.w3.org/2000/svg"><text>${'&a;'.repeat(5000)}</text></svg>`;
    assert.throws(() => sanitizeSvg(bomb), /entities expand past the safe limit/);
    const big = `<!DOCTYPE svg [<!ENTITY a "${'x'.repeat(116_000)}">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>`;
    assert.throws(() => sanitizeSvg(big), /entities expand past the safe limit/);
    const depth = 100_000;
    const deep = `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(depth)}${'</g>'.repeat(depth)}</svg>`;
    assert.throws(() => sanitizeSvg(deep), new RegExp(`more than ${SVG_MAX_DEPTH} levels deep`));
  });

  it('keeps what drawing needs: text with markup characters, quotes in attributes, nesting', () => {
    const clean = sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg"><g id='a"b'><text x="1">1 &lt; 2 &amp;&amp; 3 &gt; 2</text></g></svg>`);
    assert.equal(clean, '<svg xmlns="http://www.w3.org/2000/svg"><g id="a&quot;b"><text x="1">1 &lt; 2 &amp;&amp; 3 &gt; 2</text></g></svg>');
  });

  it('keeps backslashes of attributes that load nothing, and writes XML a renderer parses (Sodipodi docname)', async () => {
    const sodipodi = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="8" height="8" sodipodi:docname="C:\\temp\\Clipart\\myapple.svg"><rect width="8" height="8" fill="red" style="stroke:u\\72l(http://evil.example/x.png)"/></svg>`;
    const clean = sanitizeSvg(sodipodi);
    assert.match(clean, /sodipodi:docname="C:\\temp\\Clipart\\myapple\.svg"/);
    assert.doesNotMatch(clean, /evil\.example|[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const { data } = await sharp(Buffer.from(clean)).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([...data.subarray(0, 3)], [255, 0, 0], 'rendered, not refused as corrupt');
  });

  it('recognises SVG by content', () => {
    assert.ok(looksLikeSvg(Buffer.from('<?xml version="1.0"?>\n<svg></svg>')));
    assert.ok(!looksLikeSvg(Buffer.from('\x89PNG')));
  });
});
