// The browser-mode transport: OutboxApi over the HTTP routes of `outbox serve`, authenticated by its token.
import type {
  AccountMove, ArchiveInfo, CsvFile, RecentArchive, ErrorCode, OpenProgress, OutboxApi, Page, PageQuery, PostFilter, RelationshipsInfo, Result,
  SearchResponse, Stats,
} from '../../preload/contract.js';
import { RELATIONSHIP_FILE_NAMES, Routes } from '../../preload/contract.js';
import type { Fetcher } from './download.js';
import { PAGE_SIZE } from './page-cache.js';
import { signPath } from './request-signature.js';
import { t } from './i18n.js';

const TOKEN_KEY = 'outbox-token';

/**
 * Takes the token from the address (`?token=…`) and removes it from the address bar so it is not left in history
 * or shown on screen; the address keeps a signature of the page's own path instead, so a reload still loads the
 * page. The token itself survives a reload in sessionStorage: that is this tab's and this origin's (port
 * included) alone, where a cookie would reach every web app on 127.0.0.1.
 */
export function takeToken(location: Location, history: History, storage: Pick<Storage, 'getItem' | 'setItem'> | null = sessionStorageOrNull()): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return storage?.getItem(TOKEN_KEY) ?? null;
  url.searchParams.delete('token');
  url.searchParams.set('sig', signPath(token, url.pathname));
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  try {
    storage?.setItem(TOKEN_KEY, token);
  } catch {
    // storage refused (quota, privacy mode): the page works until it is reloaded
  }
  return token;
}

function sessionStorageOrNull(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** `path` with the signature that lets it be fetched without the token (media, progress), or bare without one. */
function signed(path: string, token: string | null): string {
  return token ? `${path}?sig=${signPath(token, path)}` : path;
}

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, code, message };
}

/** Drops empty fields: the server refuses unknown or empty ones rather than guessing. */
export function compactFilter(filter: PostFilter): PostFilter {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === false || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as PostFilter;
}

/** Raw GETs of the local server with the token (streamed exports read their body themselves). */
export function httpFetcher(token: string | null, origin = location.origin): Fetcher {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  return (route, params, signal) => {
    const url = new URL(route, origin);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return fetch(url, { headers, credentials: 'same-origin', cache: 'no-store', signal });
  };
}

/** Hands a chosen or dropped file to the local server, which saves it in its cache folder and opens it. */
export type Uploader = (file: File, onProgress: (sent: number, total: number) => void) => Promise<Result<ArchiveInfo>>;

/**
 * The file goes as the request body, streamed by the browser (an archive can be gigabytes). XMLHttpRequest rather
 * than fetch: only it reports upload progress.
 */
export function httpUploader(token: string | null, origin = location.origin): Uploader {
  return (file, onProgress) => new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const url = new URL(Routes.upload, origin);
    url.searchParams.set('name', file.name);
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => resolve(failure('io', t('http.uploadFailed', { file: file.name })));
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as Result<ArchiveInfo>);
      } catch {
        resolve(failure('internal', t('http.upload', { status: String(xhr.status) })));
      }
    };
    xhr.send(file);
  });
}

/** OutboxApi over HTTP, plus boot(): ask the first questions now (see below). */
export function httpTransport(token: string | null, origin = location.origin): OutboxApi & { boot(): void } {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};

  async function get<T>(route: string, params: Record<string, string | number | undefined>): Promise<Result<T>> {
    const url = new URL(route, origin);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
    let response: Response;
    try {
      response = await fetch(url, { headers, credentials: 'same-origin', cache: 'no-store' });
    } catch {
      return failure('io', t('http.unreachable'));
    }
    if (response.status === 401 || response.status === 403) {
      return failure('bad-request', t('http.signedOut'));
    }
    try {
      return (await response.json()) as Result<T>;
    } catch {
      return failure('internal', t('http.notJson', { route, status: String(response.status) }));
    }
  }

  async function post<T>(route: string, body: unknown): Promise<Result<T>> {
    let response: Response;
    try {
      response = await fetch(new URL(route, origin), {
        method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, credentials: 'same-origin', cache: 'no-store', body: JSON.stringify(body),
      });
    } catch {
      return failure('io', t('http.unreachable'));
    }
    try {
      return (await response.json()) as Result<T>;
    } catch {
      return failure('internal', t('http.status', { route, status: String(response.status) }));
    }
  }

  // /api/export-csv answers with the file itself; only its failures are Result JSON.
  async function text(route: string, params: Record<string, string>): Promise<Result<string>> {
    const url = new URL(route, origin);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, { headers, credentials: 'same-origin', cache: 'no-store' });
      if (response.ok) return { ok: true, value: await response.text() };
    } catch {
      return failure('io', t('http.unreachable'));
    }
    try {
      return (await response.json()) as Result<string>;
    } catch {
      return failure('internal', t('http.status', { route, status: String(response.status) }));
    }
  }

  // The viewer's first two questions, asked together and as early as the page can: current() and the first page of
  // the archive it names (newest first, nothing filtered, as the timeline opens). boot() asks them before the app's
  // components are even defined; the app's first current() and the timeline's first page() take the answers, so the
  // first posts come a round trip sooner. The page is kept only for that exact query about the archive current() named.
  let boot: { archive: Promise<string | null>; page: Promise<Result<Page>> } | null = null;
  let bootCurrent: Promise<Result<ArchiveInfo[]>> | null = null;
  let booted = false;
  const pageOf = (q: PageQuery) => get<Page>(Routes.page, {
    archive: q.archive, order: q.order, offset: q.offset, limit: q.limit, filter: JSON.stringify(compactFilter(q.filter)), preview: 1,
  });
  const firstPage = (q: PageQuery): Promise<Result<Page>> | null => {
    const asked = boot;
    boot = null;
    if (!asked || q.order !== 'newest' || q.offset !== 0 || q.limit !== PAGE_SIZE || Object.keys(compactFilter(q.filter)).length > 0) return null;
    return Promise.all([asked.archive, asked.page]).then(([id, page]) => (id === q.archive && page.ok ? page : pageOf(q)));
  };
  // preview: an archive still being read answers with its newest page at once (ArchiveInfo.indexing, Page.partial)
  const currentOf = () => get<ArchiveInfo[]>(Routes.current, { preview: 1 });
  const start = () => {
    if (booted) return;
    booted = true;
    const current = (bootCurrent = currentOf());
    const page = get<Page>(Routes.page, { order: 'newest', offset: 0, limit: PAGE_SIZE, filter: '{}', preview: 1 });
    // The same archive in the same state: a preview's page with a preview's info, a whole one with a whole one.
    const archive = Promise.all([current, page]).then(([c, p]) =>
      (c.ok && c.value[0] && p.ok && !!c.value[0].indexing === !!p.value.partial ? c.value[0].id : null));
    boot = { archive, page };
  };

  return {
    boot: start,
    current: () => {
      start();
      const current = bootCurrent ?? currentOf();
      bootCurrent = null;
      return current;
    },
    open: (request) => post<ArchiveInfo>(Routes.open, request.demo ? { demo: true } : { path: request.path ?? '' }),
    recent: () => get<RecentArchive[]>(Routes.recent, {}),
    page: (q: PageQuery) => firstPage(q) ?? pageOf(q),
    post: (r) => get(Routes.post, { archive: r.archive, id: r.id }),
    thread: (r) => get(Routes.thread, { archive: r.archive, id: r.id }),
    search: async (r) => {
      // /api/search answers with the bare SearchResponse (it mirrors the CLI), not a Result.
      const answer = await get<SearchResponse>(Routes.search, { archive: r.archive, q: r.q, limit: r.limit });
      if (answer && typeof answer === 'object' && 'ok' in answer) return answer;
      return { ok: true, value: answer as unknown as SearchResponse };
    },
    likes: (r) => get(Routes.likes, { archive: r.archive }),
    bookmarks: (r) => get(Routes.bookmarks, { archive: r.archive }),
    stats: (r) =>
      get<Stats>(Routes.stats, { archive: r.archive, filter: JSON.stringify(compactFilter(r.filter)), tz: r.timeZone, utc: r.utc ? 1 : 0 }),
    relationships: () => get<RelationshipsInfo>(Routes.relationships, {}),
    moves: () => get<AccountMove[]>(Routes.moves, {}),
    exportCsv: async (r): Promise<Result<CsvFile>> => {
      const answer = await text(Routes.exportCsv, { kind: r.kind });
      return answer.ok ? { ok: true, value: { fileName: RELATIONSHIP_FILE_NAMES[r.kind], text: answer.value } } : answer;
    },
    // A browser tab has no confirm-then-open of its own: links carry target=_blank rel=noopener instead.
    openExternal: async () => ({ ok: true, value: false }),
    onProgress(listener: (progress: OpenProgress) => void, signal: AbortSignal) {
      // EventSource cannot send a header: a signature of this one route, never the token
      const source = new EventSource(new URL(signed(Routes.progress, token), origin));
      source.onmessage = (event) => {
        try {
          listener(JSON.parse(String(event.data)) as OpenProgress);
        } catch {
          // A malformed event is not worth breaking the page over; the next one will do.
        }
      };
      const stop = () => source.close();
      signal.addEventListener('abort', stop, { once: true });
      return stop;
    },
    mediaUrl(archive: string, path: string) {
      // "Copy image address" copies this: it opens this one file while the server runs, and never holds the token
      return signed(`${Routes.media}/${encodeURIComponent(archive)}/${encodeURIComponent(path)}`, token);
    },
  };
}
