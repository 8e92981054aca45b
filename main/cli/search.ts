// `outbox search`: the SearchResponse as JSON (the same bytes GET /api/search sends), or one line per result.
import type { SearchResponse } from '../../preload/contract.js';

/** Compact, like the server's body, so the two can be compared byte for byte (apart from tookMs). */
export function searchJson(response: SearchResponse): string {
  return `${JSON.stringify(response)}\n`;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** "date  snippet  url"; with several archives (results that name theirs), "date  @user@server  snippet  url". */
export function searchLines(response: SearchResponse, accounts: ReadonlyMap<string, string> = new Map()): string {
  return response.results
    .map((r) => {
      const who = r.archive !== undefined ? `${accounts.get(r.archive) ?? r.archive}  ` : '';
      return `${r.published.slice(0, 10)}  ${who}${oneLine(r.snippet)}${r.url ? `  ${r.url}` : ''}\n`;
    })
    .join('');
}

export function searchFooter(response: SearchResponse): string {
  const shown = response.results.length;
  if (response.total === 0) return `No posts match "${response.query}".\n`;
  return `${shown} of ${response.total} results (${response.tookMs} ms)\n`;
}
