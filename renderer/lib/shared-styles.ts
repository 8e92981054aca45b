// Styles several components share: focus ring, buttons, chips, visually-hidden text and archive content.
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --_focus: var(--ox-sys-color-focus);
    font-family: var(--ox-sys-font);
    color: var(--ox-sys-color-text);
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
    border-radius: var(--ox-sys-radius-sm);
  }
  a { color: var(--ox-sys-color-link); text-decoration-thickness: 1px; text-underline-offset: 2px; }
  a:hover { text-decoration-thickness: 2px; }
  .visually-hidden {
    position: absolute !important;
    width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }
  button { font: inherit; color: inherit; }
  /* prefers-reduced-motion: no transitions or animations anywhere (a progress bar then stands still). */
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }
  }
  /* Archive-supplied names, handles, files, descriptions and content are bidi-isolated, each with its own
     direction: a right-to-left override (U+202E) in a display name reverses that name only, never the line. */
  .name, .handle, .file, .alt, .bio, .content, dt, dd, .line strong, .target, .inline, bdi { unicode-bidi: plaintext; }
  /* Headings break into even lines instead of leaving one word alone on the last. */
  h1, h2, h3 { text-wrap: balance; }
  .icon[data-flip='rtl']:dir(rtl) { scale: -1 1; }
  .icon {
    width: 1.1em; height: 1.1em; flex: none; vertical-align: -0.2em;
    fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round;
  }
  .btn {
    display: inline-flex; align-items: center; gap: var(--ox-sys-space-2);
    padding: 0.45rem 0.9rem;
    border-radius: var(--ox-sys-radius-pill);
    border: 1px solid var(--ox-sys-color-border-strong);
    background: var(--ox-sys-color-surface);
    color: var(--ox-sys-color-text);
    font-size: var(--ox-sys-text-sm);
    font-weight: 500;
    cursor: pointer;
    text-decoration: none;
    line-height: 1.3;
  }
  .btn:hover { background: var(--ox-sys-color-surface-2); }
  .btn.primary {
    background: var(--ox-sys-color-accent);
    border-color: var(--ox-sys-color-accent);
    color: var(--ox-sys-color-on-accent);
  }
  .btn.primary:hover { background: var(--ox-sys-color-accent-hover); }
  .btn.quiet { border-color: transparent; background: transparent; }
  .btn.quiet:hover { background: var(--ox-sys-color-surface-2); }
  .chip {
    display: inline-flex; align-items: center; gap: 0.3em;
    padding: 0.1rem 0.55rem;
    border-radius: var(--ox-sys-radius-pill);
    background: var(--ox-sys-color-surface-2);
    color: var(--ox-sys-color-text-muted);
    font-size: var(--ox-sys-text-xs);
    font-weight: 500;
    white-space: nowrap;
  }
  .ox-emoji {
    display: inline-block;
    padding: 0 0.3em;
    border-radius: var(--ox-sys-radius-sm);
    background: var(--ox-sys-color-accent-soft);
    color: var(--ox-sys-color-accent);
    font-size: 0.85em;
    font-family: var(--ox-sys-font-mono);
    line-height: 1.4;
  }
  mark {
    background: var(--ox-sys-color-mark);
    color: var(--ox-sys-color-on-mark);
    border-radius: 3px;
    padding: 0 1px;
  }
`;

/** Sanitized archive HTML (post content, bio, profile fields): Mastodon's classes and readable text. */
export const contentStyles = css`
  .content { overflow-wrap: anywhere; }
  .content > :first-child { margin-top: 0; }
  .content > :last-child { margin-bottom: 0; }
  .content p { margin: 0 0 0.75em; }
  .content blockquote {
    margin: 0 0 0.75em; padding-inline-start: var(--ox-sys-space-3);
    border-inline-start: 3px solid var(--ox-sys-color-border-strong); color: var(--ox-sys-color-text-muted);
  }
  .content pre, .content code { font-family: var(--ox-sys-font-mono); font-size: 0.9em; }
  .content pre { white-space: pre-wrap; background: var(--ox-sys-color-surface-2); padding: var(--ox-sys-space-2); border-radius: var(--ox-sys-radius-sm); }
  .content a { text-decoration: none; }
  .content a:hover { text-decoration: underline; }
  .content a.mention, .content a.hashtag { font-weight: 500; }
  .content .invisible {
    font-size: 0; line-height: 0; display: inline-block; width: 0; height: 0; position: absolute;
  }
  .content .ellipsis::after { content: '…'; }
`;
