// The renderer's files for browser mode: an allow-list made by listing rendererDir once, never path-joining a URL.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface StaticFile {
  body: Buffer;
  type: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

// Source maps (.map) are not in TYPES on purpose: a production server has no reason to hand out the sources.
// Names that need no URL encoding: anything else in the folder is simply not served.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_FILES = 2000;

/**
 * URL path → file contents, read at start. `/` is index.html. A missing folder gives an empty list (every
 * static request is then a 404: the renderer was not built).
 */
export function listRenderer(rendererDir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (dir: string, prefix: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (!SAFE_NAME.test(name) || files.size >= MAX_FILES) continue;
      const full = join(dir, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) {
        if (depth < 4) walk(full, `${prefix}${name}/`, depth + 1);
        continue;
      }
      const dot = name.lastIndexOf('.');
      const type = dot > 0 ? TYPES[name.slice(dot).toLowerCase()] : undefined;
      if (!stat.isFile() || !type) continue;
      files.set(`/${prefix}${name}`, { body: readFileSync(full), type });
    }
  };
  walk(rendererDir, '', 0);
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}
