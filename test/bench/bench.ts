// `npm run bench`: writes 10k- and 100k-item archives, then runs every suite of suites.ts, each measurement in a
// fresh child process (this same bundle with --child), and prints a table plus test-artifacts/bench.json.
// Options: --sizes 10000,100000  --suites open,search  --repeat N (default 3 up to 20k items, else 1)
//          --seed N  --out <file.json>  --keep (leave the temp archives)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePosts } from '../fixtures/generate-posts.js';
import { writeArchiveDetailed } from '../fixtures/archive-builder.js';
import { childMain, round, runChild, type Task } from './child.js';
import { formatSize, writeJson, type SizeReport } from './report.js';
import type { Figures } from './child.js';
import { SUITES } from './suites.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
};

async function main(): Promise<void> {
  const sizes = option('sizes', '10000,100000').split(',').map(Number).filter((n) => n > 0);
  const wanted = option('suites', SUITES.map((s) => s.name).join(',')).split(',');
  const seed = Number(option('seed', '20260101'));
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const out = resolve(option('out', join(root, 'test-artifacts', 'bench.json')));
  const tmp = mkdtempSync(join(tmpdir(), 'outbox-bench-'));
  const reports: SizeReport[] = [];
  try {
    for (const size of sizes) {
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
      for (const suite of SUITES.filter((s) => wanted.includes(s.name))) {
        const repeat = Number(option('repeat', size <= 20_000 ? '3' : '1'));
        report.suites[suite.name] = await suite.measure({ archive, tmp, rows, repeat, child: (task, args) => runChild(task, args) });
      }
      reports.push(report);
      process.stdout.write(`${formatSize(report)}\n`);
      rmSync(written.path, { force: true });
    }
  } finally {
    if (!argv.includes('--keep')) rmSync(tmp, { recursive: true, force: true });
  }
  writeJson(out, { date: new Date().toISOString(), node: process.version, platform: process.platform, cpus: cpus().length, seed, reports });
  process.stdout.write(`\nfigures written to ${out}\n`);
}

const tasks: Record<string, Task> = Object.assign({}, ...SUITES.map((s) => s.tasks));
const childAt = argv.indexOf('--child');
if (childAt >= 0) await childMain(tasks, argv[childAt + 1] ?? '', argv[childAt + 2] ?? '{}');
else await main();
