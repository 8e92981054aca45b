// The timeline's scroll frame: a sticky viewport over a spacer, and the reading column inside it.
import { css } from 'lit';

export const timelineStyles = css`
  :host { display: block; height: 100%; min-height: 0; --_width: var(--ox-timeline-width, var(--ox-sys-column)); }
  .scroller { height: 100%; overflow-y: auto; overflow-x: hidden; overscroll-behavior: contain; outline: none; }
  /* The viewport stays put while the scroller moves; overflow: clip (not hidden) so focus cannot scroll it. */
  .viewport { position: sticky; top: 0; height: 100%; overflow: clip; }
  .window { max-width: calc(var(--_width) + 2 * var(--ox-sys-space-4)); margin: 0 auto; padding: 0 var(--ox-sys-space-4); will-change: transform; }
  .window.stale { opacity: 0.55; transition: opacity 0.2s 0.15s; }
  .slot { padding: 6px 0; }
  .slot:first-child { padding-top: var(--ox-sys-space-4); }
  .spacer { width: 1px; }
  @media (max-width: 480px) { .window { padding: 0 var(--ox-sys-space-2); } }
  .placeholder {
    height: 10rem; border-radius: var(--ox-sys-radius-lg); background: var(--ox-sys-color-surface);
    border: 1px solid var(--ox-sys-color-border); padding: var(--ox-sys-space-4); display: grid; gap: var(--ox-sys-space-3); align-content: start;
  }
  .placeholder span { display: block; height: 0.8rem; border-radius: 4px; background: var(--ox-sys-color-surface-2); }
  .placeholder span:first-child { width: 40%; height: 1.2rem; }
  .placeholder span:last-child { width: 70%; }
  .empty { text-align: center; color: var(--ox-sys-color-text-muted); padding: var(--ox-sys-space-6) var(--ox-sys-space-4); }
  .empty-icon {
    display: inline-grid; place-items: center; width: 3rem; height: 3rem; margin-bottom: var(--ox-sys-space-3);
    border-radius: var(--ox-sys-radius-pill); background: var(--ox-sys-color-surface-2); color: var(--ox-sys-color-text-faint); font-size: 1.4rem;
  }
  .empty .why { margin: 0 auto; max-width: 32rem; overflow-wrap: anywhere; }
  .empty .actions { display: flex; flex-wrap: wrap; justify-content: center; gap: var(--ox-sys-space-2); margin-top: var(--ox-sys-space-4); }
  .empty .big { font-size: var(--ox-sys-text-lg); color: var(--ox-sys-color-text); font-weight: var(--ox-sys-weight-strong); margin: 0 0 var(--ox-sys-space-2); }
`;
