// The cold open's search built on a worker thread: the same index and the same cache bytes as on the open's own
// thread; a worker that throws or dies costs time only (the search is built here, a warning says why), and the CLI
// bundle finds its worker.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../main/engine/open.js';
import { searchInput } from '../../../main/engine/search/build.js';
import { buildSearchIndex } from '../../../main/engine/search/index.js';
import { startSearchThread, type SearchThread } from '../../../main/engine/index/search-thread.js';
import { indexPostsSearchBehind } from '../../../main/engine/index/build.js';
import { NO_SLICES } from '../../../main/engine/time-slice.js';
import { generatePosts as generateSpec, writeArchive } from '../../fixtures/archive-builder.js';
import { generatePosts } from '../../bench/search-posts.js';
import { assertBuilt, cliPath, root, runCli } from '../../cli/run-cli.js';

const workerFile = join(root, 'dist', 'engine', 'search-worker.js');
const failing = {
  throws: join(__dirname, 'fixtures', 'search-worker-throws.mjs'),
  exits: join(__dirname, 'fixtures', 'search-worker-exits.mjs'),
};
const tmp = mkdtempSync(join(tmpdir(), 'outbox-search-thread-'));
const queries = ['has:media', 'lang:de -is:reply', 'restarant', '"the"', '東京', '#art'];
let zip: string;

beforeAll(async () => {
  assertBuilt();
  zip = await writeArchive(generateSpec(700, 31).spec, tmp, { container: 'zip', fileName: 'thread.zip' });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.OUTBOX_SEARCH_WORKER;
});

/** The one cache file a cold open wrote into a folder. */
function cacheBytes(dir: string): Buffer {
  const files = readdirSync(dir).filter((f) => f.endsWith('.outbox-index'));
  expect(files).toHaveLength(1);
  return readFileSync(join(dir, files[0]!));
}

/** A cold open with the given worker (a file, or '0' for none); its search answers and the cache it wrote. */
async function coldOpen(worker: string, name: string): Promise<{ answers: string[][]; cache: Buffer; warnings: string[] }> {
  process.env.OUTBOX_SEARCH_WORKER = worker;
  const warnings: string[] = [];
  const onWarning = (w: Error & { code?: string }) => {
    if (w.code === 'OUTBOX_SEARCH_WORKER') warnings.push(w.message);
  };
  process.on('warning', onWarning);
  const cacheDir = join(tmp, name);
  try {
    const archive = await openArchive(zip, { cacheDir });
    await archive.close(); // waits for the cache write, which waits for the search
    const warm = await openArchive(zip, { cacheDir });
    expect(warm.info.fromCache).toBe(true);
    const answers = queries.map((q) => warm.search(q, 1000).results.map((r) => r.id));
    await warm.close();
    return { answers, cache: cacheBytes(cacheDir), warnings };
  } finally {
    process.off('warning', onWarning);
  }
}

describe('the search built on a worker thread', () => {
  it('gives the bytes the open\'s own thread builds', async () => {
    const posts = generatePosts(900, 21);
    const thread = startSearchThread(workerFile)!;
    expect(thread).not.toBeNull();
    const bytes = await thread.build(searchInput(posts));
    expect(bytes).not.toBeNull();
    expect(bytes!.equals(buildSearchIndex(posts).serialize())).toBe(true);
  });

  it('writes the cache byte for byte as without it; a worker that throws or dies costs only time', async () => {
    const without = await coldOpen('0', 'without');
    expect(without.warnings).toEqual([]);
    expect(without.answers.some((a) => a.length > 0)).toBe(true);
    const withWorker = await coldOpen(workerFile, 'with');
    expect(withWorker.warnings).toEqual([]);
    expect(withWorker.cache.equals(without.cache)).toBe(true);
    expect(withWorker.answers).toEqual(without.answers);
    for (const [how, file] of Object.entries(failing)) {
      const failed = await coldOpen(file, how);
      expect(failed.cache.equals(without.cache), how).toBe(true);
      expect(failed.answers, how).toEqual(without.answers);
      expect(failed.warnings, how).toHaveLength(1);
      expect(failed.warnings[0], how).toMatch(/search index was built on the main thread instead of its worker: it (failed|stopped)/);
    }
  });

  it('is given only archives up to its size limit: above it the search is built here (a second copy of 1M texts is too much memory)', async () => {
    const posts = generatePosts(900, 22);
    const reference = buildSearchIndex(generatePosts(900, 22)).serialize();
    for (const [limit, sent] of [[900, 1], [899, 0]] as const) {
      const real = startSearchThread(workerFile)!;
      let builds = 0;
      let stops = 0;
      const counted: SearchThread = {
        get why() { return real.why; },
        build: (input) => (builds++, real.build(input)),
        records: (bytes, ends, run) => real.records(bytes, ends, run),
        endRecords: () => real.endRecords(),
        stop: () => (stops++, real.stop()),
      };
      const behind = indexPostsSearchBehind(posts, NO_SLICES, counted, limit);
      const search = await behind.built;
      expect(builds, `limit ${limit}`).toBe(sent);
      if (sent === 0) expect(stops).toBeGreaterThan(0);
      expect(search!.serialize!().equals(reference), `limit ${limit}`).toBe(true);
      real.stop();
    }
  });

  it('a search asked before the worker answers is built on the spot, and the worker is stopped', async () => {
    process.env.OUTBOX_SEARCH_WORKER = workerFile;
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const archive = await openArchive(zip, { cacheDir: null });
    const ids = archive.search('has:media', 1000).results.map((r) => r.id); // at once: before the worker could answer
    expect(ids.length).toBeGreaterThan(0);
    await archive.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.off('warning', onWarning);
    expect(warnings).toEqual([]); // a worker stopped on purpose is no failure
  });

  it('is found by the built CLI, whose cold summary writes the same cache as without it', async () => {
    const runs: Record<string, { stdout: string; cache: Buffer }> = {};
    for (const [name, worker] of [['cli-with', ''], ['cli-without', '0']] as const) {
      const cacheDir = join(tmp, name);
      const env: Record<string, string> = worker ? { OUTBOX_SEARCH_WORKER: worker } : {};
      const run = await runCli(['summary', zip, '--json'], { cacheDir, env });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      runs[name] = { stdout: run.stdout, cache: cacheBytes(cacheDir) };
    }
    expect(runs['cli-with']!.stdout).toBe(runs['cli-without']!.stdout);
    expect(runs['cli-with']!.cache.equals(runs['cli-without']!.cache)).toBe(true);
  });

  it('runs on its own thread from the CLI bundle (node writes one CPU profile per thread)', async () => {
    const profiles = join(tmp, 'profiles');
    const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profiles, cliPath, 'summary', zip, '--json'], {
      env: { ...process.env, OUTBOX_CACHE_DIR: join(tmp, 'cli-profiled') }, stdio: 'ignore',
    });
    expect(await new Promise((resolve) => child.once('close', resolve))).toBe(0);
    expect(readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile'))).toHaveLength(2);
  });
});
