// The export's own HTML handling: the allow-list sanitizer of the static site and the HTML → Markdown converter.
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../../main/engine/export/html-markdown.js';
import { parseHtml } from '../../../main/engine/export/html-tree.js';
import { sanitizeHtml } from '../../../main/engine/export/sanitize.js';

const MASTODON_LINK =
  '<p>Read <a href="https://example.com/some/long/path?x=1" rel="nofollow noopener noreferrer" target="_blank"><span class="invisible">https://</span>' +
  '<span class="ellipsis">example.com/some/lo</span><span class="invisible">ng/path?x=1</span></a> by ' +
  '<span class="h-card" translate="no"><a href="https://mas.to/@bob" class="u-url mention">@<span>bob</span></a></span> ' +
  '<a href="https://mas.to/tags/cats" class="mention hashtag" rel="tag">#<span>Cats</span></a></p>';

export const HOSTILE =
  '<p>Visible words<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">' +
  '<a href="javascript:window.pwned = 3">click me</a><iframe src="https://evil.example/"></iframe>' +
  '<svg onload="window.pwned = 4"><script>window.pwned = 5</script></svg>' +
  '<img src="https://tracker.example/pixel.gif" alt="pixel"> <b onmouseover="window.pwned = 6" style="color:red">bold</b>' +
  '<a href="https://ok.example/" class="mention evil-class" onclick="window.pwned = 7">fine link</a></p>' +
  '<style>body { display: none }</style><form action="https://evil.example/"><input name="a">form text</form>' +
  '<a href="data:text/html,<script>alert(1)</script>">data link</a><object data="x.swf"></object>&lt;script&gt;';

describe('sanitizeHtml (the viewer\'s allow-list, in Node)', () => {
  it('keeps Mastodon\'s markup: links with a fixed safe rel, microformat and mention classes, lang, translate', () => {
    const out = sanitizeHtml(MASTODON_LINK);
    expect(out).toContain('<a href="https://example.com/some/long/path?x=1" rel="noopener noreferrer nofollow">');
    expect(out).toContain('<span class="invisible">https://</span>');
    expect(out).toContain('<span class="h-card" translate="no"><a href="https://mas.to/@bob" class="u-url mention" rel="noopener noreferrer nofollow">');
    expect(out).toContain('<a href="https://mas.to/tags/cats" class="mention hashtag" rel="noopener noreferrer nofollow">#<span>Cats</span></a>');
    expect(out).not.toContain('target=');
  });

  it('drops code and remote requests from a hostile post and keeps its text', () => {
    const out = sanitizeHtml(HOSTILE);
    for (const bad of ['<script', 'onerror', 'onload', 'onclick', 'onmouseover', 'javascript:', '<iframe', '<svg', '<img', 'style=', '<style', '<form', '<input', 'data:', '<object', 'evil-class', 'window.pwned']) {
      expect(out, bad).not.toContain(bad);
    }
    expect(out).toContain('Visible words');
    expect(out).toContain('<a rel="noopener noreferrer nofollow">click me</a>');
    expect(out).toContain('<a href="https://tracker.example/pixel.gif" rel="noopener noreferrer nofollow">[image: pixel]</a>');
    expect(out).toContain('<b>bold</b>');
    expect(out).toContain('form text');
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('[image]'); // the src-less <img> becomes text
  });

  it('always emits balanced markup, whatever it was given', () => {
    for (const html of ['<p><strong>open', '</p></em>text<em>', '<a href="https://x.example/"><a href="https://y.example/">nested</a>', '<p title="a>b">x', '<ul><li>a<li>b</ul>']) {
      const out = sanitizeHtml(html);
      const opened = (out.match(/<(?!\/|br>)[a-z]+/g) ?? []).length;
      const closed = (out.match(/<\/[a-z]+>/g) ?? []).length;
      expect(opened, `${html} → ${out}`).toBe(closed);
    }
    // as in HTML, a link opening inside a link closes the first one
    expect(sanitizeHtml('<a href="https://x.example/">one<a href="https://y.example/">two</a>')).toBe('<a href="https://x.example/" rel="noopener noreferrer nofollow">one</a><a href="https://y.example/" rel="noopener noreferrer nofollow">two</a>');
  });

  it('parses raw-text elements, comments and attribute quirks like a browser', () => {
    expect(parseHtml('<script>if (a<b) "</p>"</script>x')).toEqual([{ tag: 'script', attrs: new Map(), children: ['if (a<b) "</p>"'] }, 'x']);
    expect(sanitizeHtml('a<!-- <script>x</script> -->b')).toBe('ab');
    expect(sanitizeHtml('<a href=\'https://q.example/?a=1&amp;b=2\' HREF="https://other.example/">q</a>')).toBe('<a href="https://q.example/?a=1&amp;b=2" rel="noopener noreferrer nofollow">q</a>');
    expect(sanitizeHtml('1 < 2 &amp;&#x3C;&#60;')).toBe('1 &lt; 2 &amp;&lt;&lt;');
  });
});

describe('htmlToMarkdown', () => {
  it('shows links as Mastodon does and keeps mentions and hashtags as links', () => {
    expect(htmlToMarkdown(MASTODON_LINK)).toBe('Read <https://example.com/some/long/path?x=1> by [@bob](https://mas.to/@bob) [#Cats](https://mas.to/tags/cats)');
    expect(htmlToMarkdown('<p><a href="https://e.example/a_(b)">the page</a></p>')).toBe('[the page](https://e.example/a_%28b%29)');
  });

  it('converts paragraphs, breaks, emphasis, lists, quotes and code', () => {
    const md = htmlToMarkdown(
      '<p>one<br>two <strong>bold</strong> <em>it</em> <del>gone</del> <code>x`y</code></p><ul><li>a</li><li>b</li></ul>' +
      '<ol start="3"><li>c</li><li>d</li></ol><blockquote><p>q1</p><p>q2</p></blockquote><pre><code>let a = `b`;\n  x &lt; y</code></pre>',
    );
    expect(md).toBe(['one  \ntwo **bold** *it* ~~gone~~ ``x`y``', '- a\n- b', '3. c\n4. d', '> q1\n>\n> q2', '```\nlet a = `b`;\n  x < y\n```'].join('\n\n'));
  });

  it('escapes text that Markdown would read as markup, and drops code', () => {
    expect(htmlToMarkdown('<p># not a heading</p><p>1. not a list *or* _this_ [x](y) &lt;b&gt;</p>')).toBe('\\# not a heading\n\n1\\. not a list \\*or\\* \\_this\\_ \\[x\\](y) \\<b\\>');
    const md = htmlToMarkdown(HOSTILE);
    expect(md).not.toMatch(/pwned|javascript:|data:/);
    expect(md).toContain('Visible words');
    expect(md).toContain('click me');
    expect(md).toContain('[fine link](https://ok.example/)');
  });
});
