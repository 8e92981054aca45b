// `npm run bench`: writes 10k- and 100k-item archives, then runs every suite of suites.ts, each measurement in a
// fresh child process (this same bundle with --child, or the built `outbox` itself), and prints a table plus
// test-artifacts/bench.json.
// Options: --sizes 10000,100000  --suites open,search,cli,viewer  --repeat N (default 3; 1 for a heavy suite above 20k)
//          --seed N  --out <file.json>  --keep (leave the temp archives)
//          --million (or OUTBOX_BENCH_MILLION=1): also a 1M-post archive's cold open, for its peak RSS (minutes)
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePosts } from '../fixtures/generate-posts.js';
import { writeArchiveDetailed } from '../fixtures/archive-builder.js';
import { childMain, round, runChild } from './child.js';
import { formatSize, writeJson, type SizeReport } from './report.js';
import type { Figures } from './child.js';
import { exportSuite } from './export-suite.js';
import { MILLION } from './million-suite.js';
import { OPT_IN, SUITES, TASKS } from './suites.js';
import type { Suite } from './suite.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
};

/**
 * When this bench last removed its temp folder (hundreds of thousands of export files), in a file beside the temp
 * folders. On ext4 without a journal every file created within ~6 minutes of a mass delete skips the freed inodes one
 * by one (export-suite.ts says how it was found): a bench started right after the previous one would measure that,
 * not Outbox. So a run that writes exports first waits out what is left of those 6 minutes, and says so.
 */
const DELETED_AT = join(tmpdir(), 'outbox-bench-deleted-at');
const FREED_INODES_MS = 6 * 60_000;

async function waitForFreedInodes(): Promise<void> {
  let at = 0;
  try {
    at = Number(readFileSync(DELETED_AT, 'utf8'));
  } catch {
    return;
  }
  const left = Math.min(FREED_INODES_MS, at + FREED_INODES_MS - Date.now());
  if (!(left > 0)) return;
  process.stdout.write(`waiting ${Math.ceil(left / 1000)} s: the previous bench deleted its exports' files less than 6 minutes ago (see export-suite.ts)\n`);
  await new Promise((r) => setTimeout(r, left));
}

async function main(): Promise<void> {
  const sizes = option('sizes', '10000,100000').split(',').map(Number).filter((n) => n > 0);
  const wanted = option('suites', SUITES.map((s) => s.name).join(',')).split(',');
  // Each size with the suites it runs: the 1M archive runs only its own (a floor cannot even parse it).
  const plan: Array<[number, Suite[]]> = sizes.map((size) => [size, SUITES.filter((s) => wanted.includes(s.name))]);
  if (argv.includes('--million') || process.env.OUTBOX_BENCH_MILLION === '1') plan.push([MILLION, OPT_IN]);
  const seed = Number(option('seed', '20260101'));
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const out = resolve(option('out', join(root, 'test-artifacts', 'bench.json')));
  if (plan.some(([, suites]) => suites.includes(exportSuite))) await waitForFreedInodes();
  const tmp = mkdtempSync(join(tmpdir(), 'outbox-bench-'));
  const reports: SizeReport[] = [];
  try {
    for (const [size, suites] of plan) {
      const t0 = performance.now();
      const { spec, truth } = generatePosts(size, seed);
      const written = await writeArchiveDetailed(spec, tmp, { container: 'zip', fileName: `bench-${size}.zip` });
      const report: SizeReport = {
        size,
        zipMb: round(statSync(written.path).size / 1048576),
        outboxMb: round(written.outboxBytes / 1048576),
        generateMs: Math.round(performance.now() - t0),
        suites: {},
      };
      const archive = { size, zip: written.path, zipBytes: statSync(written.path).size, outboxBytes: written.outboxBytes, truth };
      const rows = new Map<string, Figures>();
      for (const suite of suites) {
        const repeat = Number(option('repeat', size <= 20_000 || !suite.heavy ? '3' : '1'));
        report.suites[suite.name] = await suite.measure({ archive, tmp, rows, repeat, child: (task, args) => runChild(task, args) });
      }
      reports.push(report);
      process.stdout.write(`${formatSize(report)}\n`);
      rmSync(written.path, { force: true });
    }
  } finally {
    if (!argv.includes('--keep')) {
      rmSync(tmp, { recursive: true, force: true });
      writeFileSync(DELETED_AT, String(Date.now()));
    }
  }
  writeJson(out, { date: new Date().toISOString(), node: process.version, platform: process.platform, cpus: cpus().length, seed, reports });
  process.stdout.write(`\nfigures written to ${out}\n`);
}

const childAt = argv.indexOf('--child');
if (childAt >= 0) await childMain(TASKS, argv[childAt + 1] ?? '', argv[childAt + 2] ?? '{}');
else await main();
