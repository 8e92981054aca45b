// The header's section icons (drawn like lib/icons.ts): a narrow header shows them without their labels.
import { html, svg, type TemplateResult } from 'lit';
import type { Section } from './sections.js';

const paths: Partial<Record<Section, ReturnType<typeof svg>>> = {
  timeline: svg`<rect x="4" y="4" width="16" height="6" rx="1.5"/><rect x="4" y="14" width="16" height="6" rx="1.5"/>`,
  stats: svg`<path d="M4 20h16"/><path d="M7 16v-5M12 16V6M17 16v-8"/>`,
  people: svg`<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><path d="M16 4.6a3.5 3.5 0 0 1 0 6.8M18 14.5a6.5 6.5 0 0 1 3.5 5.5"/>`,
  likes: svg`<path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3l-5.6 2.9 1.1-6.2L3 9.6l6.2-.9z"/>`,
  today: svg`<rect x="4" y="5" width="16" height="15" rx="2"/><path d="M4 10h16M9 3v4M15 3v4"/><path d="M12 13v4"/>`,
  bookmarks: svg`<path d="M6 3h12v18l-6-4.5L6 21z"/>`,
};

/** A decorative icon for a section (its button carries the label). */
export function sectionIcon(section: Section): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" role="presentation" focusable="false">${paths[section] ?? ''}</svg>`;
}
