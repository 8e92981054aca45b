// The viewer's icons: small stroked SVGs drawn in currentColor (our own markup, never archive content).
import { html, nothing, svg, type TemplateResult } from 'lit';

const paths = {
  globe: svg`<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18"/>`,
  unlock: svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 7.6-1.8"/>`,
  lock: svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>`,
  mail: svg`<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3.5 7 8.5 6 8.5-6"/>`,
  boost: svg`<path d="m17 2 4 4-4 4"/><path d="M3 11V9a3 3 0 0 1 3-3h15"/><path d="m7 22-4-4 4-4"/><path d="M21 13v2a3 3 0 0 1-3 3H3"/>`,
  star: svg`<path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3l-5.6 2.9 1.1-6.2L3 9.6l6.2-.9z"/>`,
  reply: svg`<path d="M9 14 4 9l5-5"/><path d="M4 9h10a6 6 0 0 1 6 6v4"/>`,
  search: svg`<circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/>`,
  copy: svg`<rect x="8" y="8" width="12" height="12" rx="2"/><path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2"/>`,
  zoom: svg`<circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5M8 11h6M11 8v6"/>`,
  external: svg`<path d="M14 4h6v6M20 4 10 14"/><path d="M19 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1h5"/>`,
  thread: svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.3A8 8 0 1 1 21 12z"/>`,
  quote: svg`<path d="M10 7H6a2 2 0 0 0-2 2v4h6zM10 13c0 3-2 4-4 5M20 7h-4a2 2 0 0 0-2 2v4h6zM20 13c0 3-2 4-4 5"/>`,
  close: svg`<path d="M6 6l12 12M18 6 6 18"/>`,
  left: svg`<path d="m15 5-7 7 7 7"/>`,
  right: svg`<path d="m9 5 7 7-7 7"/>`,
  back: svg`<path d="M19 12H5M11 6l-6 6 6 6"/>`,
  filter: svg`<path d="M4 5h16l-6 7.5V18l-4 2v-7.5z"/>`,
  edit: svg`<path d="M4 20h4L19 9l-4-4L4 16z"/>`,
  info: svg`<circle cx="12" cy="12" r="9"/><path d="M12 11v5M12 7.8v.2"/>`,
  alert: svg`<path d="M12 3.5 2.5 20h19z"/><path d="M12 10v4.5M12 17.2v.3"/>`,
  outbox: svg`<path d="M4 13v5a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-5"/><path d="M4 13h4l1.5 2.5h5L16 13h4"/><path d="M12 3v8M8.5 6.5 12 3l3.5 3.5"/>`,
  image: svg`<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="m21 16-5-5-9 9"/>`,
  keyboard: svg`<rect x="2.5" y="6" width="19" height="12" rx="2"/><path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10"/>`,
} as const;

export type IconName = keyof typeof paths;

/** Icons that point along the line: a right-to-left interface mirrors them (shared-styles.ts). */
const DIRECTIONAL: ReadonlySet<IconName> = new Set(['left', 'right', 'back']);

/** An inline icon; decorative unless given a label. */
export function icon(name: IconName, label?: string): TemplateResult {
  return html`<svg class="icon" data-flip=${DIRECTIONAL.has(name) ? 'rtl' : nothing} viewBox="0 0 24 24" aria-hidden=${label ? 'false' : 'true'} role=${label ? 'img' : 'presentation'}
    aria-label=${label ?? ''} focusable="false">${paths[name]}</svg>`;
}
