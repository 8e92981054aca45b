// Browser mode's first page (engine/export/first-page.ts): a door apart from index.ts so that only `outbox serve` loads
// the static site's card, its sanitizer and its words, and only once it is listening.
export { FIRST_PAGE_POSTS, renderFirstPage } from '../export/first-page.js';
