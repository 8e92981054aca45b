// The look of a post card: a calm surface, a clear header, and a marked-out private message.
import { css } from 'lit';

export const postStyles = css`
  :host {
    display: block;
    --_bg: var(--ox-post-bg, var(--ox-sys-color-surface));
    --_border: var(--ox-post-border, var(--ox-sys-color-border));
  }
  article {
    position: relative;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--ox-sys-radius-lg);
    padding: var(--ox-sys-space-4) var(--ox-sys-space-4) var(--ox-sys-space-3);
    box-shadow: var(--ox-sys-shadow-1);
    font-size: var(--ox-sys-text-md);
    line-height: var(--ox-sys-leading);
  }
  article:focus-visible, :host([focused]) article {
    outline: 2px solid var(--ox-sys-color-focus);
    outline-offset: 1px;
    border-radius: var(--ox-sys-radius-lg);
  }
  article.direct {
    --_border: var(--ox-sys-color-private);
    background: linear-gradient(var(--ox-sys-color-private-soft), var(--_bg) 5rem);
  }
  .private-banner {
    margin: 0 0 var(--ox-sys-space-3);
    color: var(--ox-sys-color-private);
    font-size: var(--ox-sys-text-sm);
    font-weight: var(--ox-sys-weight-strong);
  }
  /* a deleted tweet the X/Twitter archive keeps: never read as a live post */
  .deleted-banner { color: var(--ox-sys-color-warning); }
  .head { display: flex; align-items: center; gap: var(--ox-sys-space-3); margin-bottom: var(--ox-sys-space-3); }
  .who { display: flex; flex-direction: column; min-width: 0; flex: 1; line-height: 1.3; }
  .name { font-weight: var(--ox-sys-weight-strong); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .handle { color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .when { color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); text-decoration: none; white-space: nowrap; align-self: flex-start; }
  a.when:hover { text-decoration: underline; }
  .context, .quote { margin: 0 0 var(--ox-sys-space-2); color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); }
  .quote {
    padding: var(--ox-sys-space-2) var(--ox-sys-space-3);
    border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-md);
    overflow-wrap: anywhere;
  }
  .quote-label { font-weight: var(--ox-sys-weight-strong); margin-inline-end: var(--ox-sys-space-1); }
  .linkish { background: none; border: 0; padding: 0; color: var(--ox-sys-color-link); cursor: pointer; text-decoration: underline; font-size: inherit; }
  .cw {
    display: flex; align-items: center; justify-content: space-between; flex-wrap: wrap; gap: var(--ox-sys-space-2);
    padding: var(--ox-sys-space-2) var(--ox-sys-space-3);
    margin-bottom: var(--ox-sys-space-3);
    border-radius: var(--ox-sys-radius-md);
    background: var(--ox-sys-color-warning-soft);
  }
  .cw-text { margin: 0; font-weight: 500; flex: 1; min-width: 12rem; }
  .chip.warn { background: transparent; color: var(--ox-sys-color-warning); padding-inline-start: 0; text-transform: uppercase; letter-spacing: 0.04em; }
  .body[hidden] { display: none; }
  .body > * + * { margin-top: var(--ox-sys-space-3); }
  .links { list-style: none; padding: 0; margin: 0; font-size: var(--ox-sys-text-sm); }
  .links li { padding: var(--ox-sys-space-2) var(--ox-sys-space-3); border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-md); overflow-wrap: anywhere; }
  .tags { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: var(--ox-sys-space-1); }
  .tag {
    border: 0; cursor: pointer; padding: 0.1rem 0.55rem; border-radius: var(--ox-sys-radius-pill);
    background: var(--ox-sys-color-accent-soft); color: var(--ox-sys-color-accent); font-size: var(--ox-sys-text-xs); font-weight: 500;
  }
  .tag:hover { text-decoration: underline; }
  /* Phones: the name keeps room to be read and the date moves under it rather than squeezing it to "Pi…". */
  @media (max-width: 480px) {
    article { padding: var(--ox-sys-space-3) var(--ox-sys-space-3) var(--ox-sys-space-2); }
    .head { flex-wrap: wrap; row-gap: var(--ox-sys-space-1); }
    .who { min-width: 9rem; }
    .when { align-self: auto; }
  }
`;
