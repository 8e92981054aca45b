// The static site's Node sanitizer against the viewer's own (renderer/lib/safe-html.ts, DOMPurify in real Chromium).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../../main/engine/export/sanitize.js';

const CHROMIUM = process.env.OUTBOX_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Mastodon's markup, hostile markup, and everything in between that the two parsers read the same way. */
const CASES = [
  '<p>Read <a href="https://example.com/some/long/path" rel="nofollow noopener noreferrer" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.com/some/lo</span><span class="invisible">ng/path</span></a></p>',
  '<p><span class="h-card" translate="no"><a href="https://mas.to/@bob" class="u-url mention">@<span>bob</span></a></span> <a href="https://mas.to/tags/cats" class="mention hashtag" rel="tag">#<span>Cats</span></a></p>',
  '<p class="quote-inline">RE: <a href="https://x.example/1">https://x.example/1</a></p><p>quoted</p>',
  '<p>one<br>two<br/>three</p><ul><li>a</li><li>b <strong>bold</strong> <em>em</em> <b>b</b> <i>i</i> <u>u</u> <del>del</del></li></ul><ol><li>c</li></ol>',
  '<blockquote><p>q</p></blockquote><pre><code>let a = 1 &lt; 2;\n  b</code></pre>',
  '<p>Hi<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"><a href="javascript:alert(1)">js</a></p>',
  '<iframe src="https://evil.example/"></iframe><svg onload="x()"><circle r="1"/><text>svg text</text></svg><math><mi>x</mi></math>after',
  '<img src="https://tracker.example/p.gif" alt="pixel"> <img alt="no source"> <img src="javascript:x()" alt="bad source"> <img src="https://t.example/q.png">',
  // (leading text: a document parser would put a leading <style>, <noscript>… into <head>, which no post has)
  'before<style>p { color: red }</style><noscript>ns</noscript><template><b>t</b></template><title>ti</title><video src="v.mp4">vid</video><audio>aud</audio>text',
  '<form action="https://evil.example/"><input name="a"><button>press</button><select><option>opt</option></select><textarea>&lt;b&gt;area</textarea></form>',
  '<object data="x.swf">obj</object><embed src="y.swf"><h1>heading</h1><div class="status">div</div><section>sec</section>',
  '<span class="h-card foo mention bar e-content" lang="de" translate="no" data-x="1" aria-label="l" title="t" style="color:red" id="i" onclick="x()">span</span>',
  '<a href="/relative">rel</a> <a href="mailto:a@b.example">mail</a> <a href="HTTPS://EXAMPLE.com/A?b=1&amp;c=2#d">caps</a> <a href="data:text/html,x">data</a> <a>none</a>',
  '&lt;script&gt; &amp; &nbsp; &#128512; &hellip; 1 < 2 > 0 "quotes" \'single\'',
  '<p>unclosed <strong>bold <em>both',
  'a<!-- comment <script>x</script> -->b<!---->c',
  '<p><a href="https://a.example/" rel="me nofollow tag">tag rel</a></p>',
  '<p>a<p>b</p><ul><li>a<li>b</ul><P><A HREF=https://x.example/a?b=1>UPPER</A></P>x</br>y<p>text</p >',
  '<a href="https://1.example/">first<a href="https://2.example/">second</a> after',
  '<p>a<br><br>b</p><p></p><span></span><blockquote><blockquote>deep</blockquote></blockquote>',
];

let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (see .ci/run).`);
  const bundle = await build({
    stdin: { contents: "import { sanitize } from './renderer/lib/safe-html.ts'; (window as any).viewerSanitize = sanitize;", resolveDir: join(__dirname, '../../..'), loader: 'ts' },
    bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'warning',
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  page = await browser.newPage();
  await page.route('**/*', (route) => route.abort());
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
});
afterAll(() => browser?.close());

describe('sanitizeHtml matches the viewer\'s DOMPurify sanitizer', () => {
  it('yields the same DOM (tags, attributes, text) for every case', async () => {
    const ours = CASES.map((html) => sanitizeHtml(html));
    const compared = await page.evaluate(({ cases, ours }) => {
      /** A DOM as text: tag names, sorted attributes (the viewer's target="_blank" aside), text nodes. */
      const canon = (html: string): string => {
        const t = document.createElement('template');
        t.innerHTML = html;
        t.content.normalize();
        const walk = (n: Node): string => {
          if (n.nodeType === Node.TEXT_NODE) return JSON.stringify((n as Text).data);
          if (n.nodeType !== Node.ELEMENT_NODE) return `#${n.nodeType}`;
          const e = n as Element;
          // target: the viewer opens links in the system browser. lang and translate: the viewer means to keep them
          // (ALLOWED_ATTR) but its ALLOWED_URI_REGEXP makes DOMPurify drop every non-URL value (reported); we keep them.
          const attrs = [...e.attributes].filter((a) => !['target', 'lang', 'translate'].includes(a.name)).map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort();
          return `<${e.localName}${attrs.length ? ` ${attrs.join(' ')}` : ''}>${[...e.childNodes].map(walk).join('')}</${e.localName}>`;
        };
        return [...t.content.childNodes].map(walk).join('');
      };
      const viewer = (window as unknown as { viewerSanitize(html: string): string }).viewerSanitize;
      return cases.map((html, i) => ({ viewer: canon(viewer(html)), ours: canon(ours[i]!) }));
    }, { cases: CASES, ours });
    for (const [i, { viewer, ours: mine }] of compared.entries()) expect(mine, CASES[i]).toBe(viewer);
  });
});
