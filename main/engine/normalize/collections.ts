// readUriCollection: likes.json / bookmarks.json (FORMAT §1.5) → the status URIs, each once, in file order.
import { isObject, list } from './fields.js';

export function readUriCollection(json: unknown): string[] {
  if (!isObject(json) && !Array.isArray(json)) return [];
  const items = Array.isArray(json) ? json : list(json.orderedItems ?? json.items);
  const seen = new Set<string>();
  for (const item of items) {
    const uri = typeof item === 'string' ? item : isObject(item) && typeof item.id === 'string' ? item.id : null;
    if (uri !== null && uri !== '') seen.add(uri);
  }
  return [...seen];
}
