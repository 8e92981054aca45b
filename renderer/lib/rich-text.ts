// Plain text (display names, content warnings, alt text) with :emoji: chips and <mark>ed terms, as Lit templates.
import { html, type TemplateResult } from 'lit';
import { highlightPattern } from './highlight.js';
import { t } from './i18n.js';

type Part = string | TemplateResult;

function splitBy(parts: Part[], pattern: RegExp, make: (m: string) => TemplateResult | null): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') {
      out.push(part);
      continue;
    }
    let last = 0;
    for (const m of part.matchAll(pattern)) {
      const made = make(m[0]);
      if (!made) continue;
      out.push(part.slice(last, m.index), made);
      last = m.index! + m[0].length;
    }
    out.push(part.slice(last));
  }
  return out;
}

export function richText(text: string, options: { emojis?: readonly string[]; terms?: readonly string[] } = {}): Part[] {
  let parts: Part[] = [text];
  const emojis = new Set(options.emojis ?? []);
  if (emojis.size) {
    parts = splitBy(parts, /:([A-Za-z0-9_]+):/g, (m) =>
      emojis.has(m.slice(1, -1)) ? html`<span class="ox-emoji" title=${t('emoji.custom')}>${m}</span>` : null,
    );
  }
  const pattern = highlightPattern(options.terms ?? []);
  if (pattern) parts = splitBy(parts, pattern, (m) => html`<mark>${m}</mark>`);
  return parts;
}
