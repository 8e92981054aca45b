// The static site's card for browser mode's first page (main/server/first-page.ts): a door apart from index.ts so
// that only `outbox serve` loads the card, its sanitizer and its words, and only once it is listening.
export { postCard, type CardContext } from '../export/site-card.js';
export { siteWords } from '../export/site-words.js';
export { escapeHtml } from '../export/sanitize.js';
