// A Bluesky repository export (.car) → its records by path: the CAR's blocks decoded with @ipld/car and
// @ipld/dag-cbor, then the repository's Merkle Search Tree walked from the signed commit (atproto's repo spec).
import { ArchiveError } from '../errors.js';
import { isObject } from '../normalize/fields.js';
import { message } from './common.js';

export interface RepoRecord {
  /** "<collection NSID>/<rkey>", e.g. "app.bsky.feed.post/3kly5whjwmc2v" */
  path: string;
  value: unknown;
}

export interface Repo {
  did: string;
  records: RepoRecord[];
  /** records whose block is missing or cannot be decoded: counted and named, never silently dropped */
  broken: Array<{ path: string; reason: string }>;
}

/** Reads a LEB128 varint at the start of `bytes`: [value, length], or null. */
function varint(bytes: Uint8Array): [number, number] | null {
  let value = 0;
  for (let i = 0; i < Math.min(bytes.length, 8); i++) {
    value += (bytes[i]! & 0x7f) * 2 ** (7 * i);
    if ((bytes[i]! & 0x80) === 0) return [value, i + 1];
  }
  return null;
}

/** Whether the first bytes are a CARv1 header: varint length, then DAG-CBOR {version: 1, roots: [CID]}. */
export async function looksLikeCar(head: Uint8Array): Promise<boolean> {
  const length = varint(head);
  if (!length || length[0] < 10 || length[0] > 1024 || length[1] + length[0] > head.length) return false;
  try {
    const { decode } = await import('@ipld/dag-cbor');
    const header = decode(head.subarray(length[1], length[1] + length[0]));
    return isObject(header) && header.version === 1 && Array.isArray(header.roots) && header.roots.length > 0;
  } catch {
    return false;
  }
}

/** Most MST levels walked: a real repository has a handful; a loop in a hostile file ends here. */
const MAX_DEPTH = 64;

export async function readCar(bytes: Uint8Array, name: string): Promise<Repo> {
  const { CarReader } = await import('@ipld/car');
  const { decode } = await import('@ipld/dag-cbor');
  let reader;
  try {
    reader = await CarReader.fromBytes(bytes);
  } catch (error) {
    throw new ArchiveError('truncated', `${name} is not a complete repository export (${message(error)}): download it ` +
      'again from Bluesky (Settings ▸ Account ▸ Export my data).', name);
  }
  const blocks = new Map<string, Uint8Array>();
  for await (const block of reader.blocks()) blocks.set(block.cid.toString(), block.bytes);
  const roots = await reader.getRoots();
  const load = (cid: unknown): unknown => {
    const data = cid && typeof cid === 'object' ? blocks.get(String(cid)) : undefined;
    if (data === undefined) throw new Error(`block ${String(cid).slice(0, 80)} is not in the file`);
    return decode(data);
  };
  const noRepo = (why: string) => new ArchiveError('not-collection', `${name} is a CAR file but not a Bluesky repository ` +
    `(${why}): open the .car that Settings ▸ Account ▸ Export my data saves.`, name);
  let commit: unknown;
  try {
    commit = load(roots[0]);
  } catch (error) {
    throw noRepo(`its root: ${message(error)}`);
  }
  if (!isObject(commit) || typeof commit.did !== 'string') throw noRepo('its root is no signed commit');
  // Repository v2 and v3 commits point at the tree as `data`; some 2022 exports wrap it in a root record first.
  let data = commit.data;
  if (data === undefined && commit.root !== undefined) {
    const root = load(commit.root);
    data = isObject(root) ? root.data : undefined;
  }
  if (data === undefined) throw noRepo('its commit names no record tree');

  const records: RepoRecord[] = [];
  const broken: Repo['broken'] = [];
  const seen = new Set<string>();
  const walk = (cid: unknown, depth: number): void => {
    if (cid === null || cid === undefined) return;
    const key = String(cid);
    if (depth > MAX_DEPTH || seen.has(key)) throw new Error('the record tree loops or is too deep');
    seen.add(key);
    const node = load(cid);
    if (!isObject(node) || !Array.isArray(node.e)) throw new Error('a node of the record tree has no entries');
    walk(node.l, depth + 1);
    let previous = new Uint8Array(0);
    for (const entry of node.e) {
      if (!isObject(entry) || !(entry.k instanceof Uint8Array) || typeof entry.p !== 'number') {
        throw new Error('an entry of the record tree is malformed');
      }
      const full = new Uint8Array(entry.p + entry.k.length);
      full.set(previous.subarray(0, entry.p));
      full.set(entry.k, entry.p);
      previous = full;
      const path = Buffer.from(full).toString('utf8');
      try {
        records.push({ path, value: load(entry.v) });
      } catch (error) {
        broken.push({ path, reason: message(error) });
      }
      walk(entry.t, depth + 1);
    }
  };
  try {
    walk(data, 0);
  } catch (error) {
    // Records read before the damage are kept; the rest cannot be reached.
    broken.push({ path: '(record tree)', reason: message(error) });
  }
  return { did: commit.did, records, broken };
}
