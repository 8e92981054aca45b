// htmlToText: tags out, entities decoded, line structure kept, linear on huge and hostile input.
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../main/engine/normalize/html-text.js';

describe('htmlToText', () => {
  it.each([
    ['<p>Hello <b>world</b></p>', 'Hello world'],
    ['<p>one</p><p>two</p>', 'one\n\ntwo'],
    ['<p>line<br>break<br/>again<br />end</p>', 'line\nbreak\nagain\nend'],
    ['<p>Who&#39;s &amp; &lt;b&gt; &quot;q&quot; &#x1F600; &hellip; &nbsp;x</p>', 'Who\'s & <b> "q" 😀 … x'],
    ['<p>a   b\n\tc</p>', 'a b c'],
    ['<p><a href="https://x.example/"><span class="invisible">https://</span><span class="">x.example/</span></a></p>', 'https://x.example/'],
    ['&unknown; &#xD800; &#99999999;', '&unknown; &#xD800; &#99999999;'],
    ['1 < 2 and 3 > 2', '1 < 2 and 3 > 2'],
    ['<ul><li>a</li><li>b</li></ul>', 'a\nb'],
    ['', ''],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('turns tags into breaks by name in any case: br, closing li, closing block elements only', () => {
    expect(htmlToText('a<BR>b<br/>c</Br>d')).toBe('a\nb\nc\nd');
    expect(htmlToText('x</P>y<p>z</p2>w')).toBe('x\n\nyzw');
    expect(htmlToText('<ol><li>one</LI><li>two</li></OL>after')).toBe('one\ntwo\n\nafter');
    expect(htmlToText('q</BlockQuote>r</blockquotes>s</DIV>t</pre>u')).toBe('q\n\nrs\n\nt\n\nu');
    expect(htmlToText('h</H1>i</h7>j</ul>k</b1>l')).toBe('h\n\nij\n\nkl');
    expect(htmlToText('<li>open<LI>again</a>end')).toBe('openagainend');
  });

  it('reads \\u003c-escaped HTML once JSON has decoded it', () => {
    const html = JSON.parse('"\\u003cp\\u003eWho\\u0026#39;s a good boi\\u003c/p\\u003e"') as string;
    expect(htmlToText(html)).toBe("Who's a good boi");
  });

  it('reads a ">" or "<" inside a quoted attribute value as part of the tag, not as text', () => {
    expect(htmlToText('<p><a href="data:text/html,<script>alert(1)</script>">data link</a></p>')).toBe('data link');
    expect(htmlToText("<p><b title='a>b'>bold</b> and <i title=x>more</i></p>")).toBe('bold and more');
    // An unterminated quote falls back to the first '>' rather than swallowing the rest of the post.
    expect(htmlToText('<p><a href="oops>link</a> after</p>')).toBe('link after');
  });

  it('stays linear on hostile quoting: 100,000 tags with quoted values and unterminated quotes', () => {
    expect(htmlToText('<a title="x>y">t</a>'.repeat(100_000)).length).toBe(100_000);
    expect(htmlToText('<a x="'.repeat(100_000) + '>').length).toBe(0);
  });

  it('is linear: 100,000 words, 200,000 lone "<" and 200,000 "&" finish', () => {
    const words = Array.from({ length: 100_000 }, (_, i) => `<span>w${i}</span>`).join(' ');
    expect(htmlToText(`<p>${words}</p>`).split(' ').length).toBe(100_000);
    expect(htmlToText('<'.repeat(200_000)).length).toBe(200_000);
    expect(htmlToText('&a'.repeat(200_000)).length).toBe(400_000);
    expect(htmlToText('<p'.repeat(200_000) + '>').length).toBe(0);
  });
});
