// A quick run of the floor and the whole-process CLI rows alone, on one kept archive (for work on the CLI's speed;
// `npm run bench` stays the reference). Build: node test/build.mjs, then
//   npx esbuild test/bench/cli-quick.ts --bundle --platform=node --format=esm --packages=external --outfile=dist/bench/cli-quick.js
//   node dist/bench/cli-quick.js [--size 100000] [--repeat 3] [--dir /tmp/outbox-cli-quick] [--only summary,stats]
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeArchiveDetailed } from '../fixtures/archive-builder.js';
import { generatePosts } from '../fixtures/generate-posts.js';
import { queriesTask } from './bench-queries.js';
import { childMain, runChild, type ChildResult } from './child.js';
import { floorTask } from './open-suite.js';
import { cliPath, launchNode, runNode } from './process-run.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
};
const script = fileURLToPath(import.meta.url);

/** Each measured process also records its own CPU time (user + system, ms): on a shared machine it is steadier than wall time. */
const CPU_HOOK =
  'data:text/javascript,import{writeFileSync}from"node:fs";' +
  'process.on("exit",()=>{const f=process.env.OUTBOX_QUICK_CPU;const u=process.resourceUsage();if(f)writeFileSync(f,String((u.userCPUTime+u.systemCPUTime)/1000))})';
const cpuFile = join(tmpdir(), `outbox-quick-cpu-${process.pid}`);
const cpuMs = (): number => (existsSync(cpuFile) ? Number(readFileSync(cpuFile, 'utf8')) : NaN);

async function main(): Promise<void> {
  const size = Number(option('size', '100000'));
  const repeat = Number(option('repeat', '3'));
  const dir = option('dir', '/tmp/outbox-cli-quick');
  const only = option('only', 'floor,node,cold,summary,stats,search,export').split(',');
  mkdirSync(dir, { recursive: true });
  const zip = join(dir, `bench-${size}.zip`);
  if (!existsSync(zip)) {
    const { spec } = generatePosts(size, 20260101);
    await writeArchiveDetailed(spec, dir, { container: 'zip', fileName: `bench-${size}.zip` });
  }
  const queryFile = join(dir, `query-${size}.json`);
  if (!existsSync(queryFile)) {
    const out = join(mkdtempSync(join(dir, 'q-')), 'queries.json');
    await runChild('bench-queries', { zip, cacheDir: join(dir, 'q-cache'), out }, script);
    writeFileSync(queryFile, readFileSync(out));
  }
  const queries = JSON.parse(readFileSync(queryFile, 'utf8')) as Record<string, string[]>;
  const query = queries.exact?.[0] ?? 'the';
  const rows = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  const add = (name: string, ms: number) => {
    rows.set(name, [...(rows.get(name) ?? []), ms]);
    cpu.set(name, [...(cpu.get(name) ?? []), cpuMs()]);
  };
  // --compare <other outbox.js>: the same rows for another build, interleaved in each round (e.g. the base branch).
  const clis: Array<[string, string]> = [['', cliPath]];
  if (argv.includes('--compare')) clis.push(['base ', option('compare', '')]);
  for (let r = 0; r < repeat; r++) {
    if (only.includes('floor')) {
      const f = await runChild('floor', { zip }, script);
      rows.set('floor', [...(rows.get('floor') ?? []), f.ms]);
      cpu.set('floor', [...(cpu.get('floor') ?? []), Number(f.cpuMs)]);
    }
    if (only.includes('node')) add('node start', (await runNode(['--import', CPU_HOOK, '-e', '0'], { env: { OUTBOX_QUICK_CPU: cpuFile } })).ms);
    for (const [prefix, cli] of clis) {
      const env = { OUTBOX_CACHE_DIR: mkdtempSync(join(dir, 'cache-')), OUTBOX_QUICK_CPU: cpuFile };
      const cold = await runNode(['--import', CPU_HOOK, cli, 'summary', zip, '--json'], { env, keepStdout: true });
      const coldOut = cold.stdout;
      if (only.includes('cold')) add(`${prefix}summary cold`, cold.ms);
      if (only.includes('summary')) {
        const w = await runNode(['--import', CPU_HOOK, cli, 'summary', zip, '--json'], { env, keepStdout: true });
        if (w.stdout !== coldOut) throw new Error('warm summary differs from cold');
        add(`${prefix}summary warm`, w.ms);
      }
      if (only.includes('stats')) add(`${prefix}stats warm`, (await runNode(['--import', CPU_HOOK, cli, 'stats', zip, '--json', '--utc'], { env })).ms);
      if (only.includes('search')) add(`${prefix}search warm`, (await runNode(['--import', CPU_HOOK, cli, 'search', zip, query, '--json'], { env })).ms);
      if (only.includes('export')) {
        const run = launchNode(['--import', CPU_HOOK, cli, 'export', zip, '--format', 'jsonl'], { env });
        const first = await run.firstLine;
        await run.done;
        add(`${prefix}export 1st row`, first.ms);
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const floor = rows.get('floor') ? median(rows.get('floor')!) : null;
  for (const [name, list] of rows) {
    const m = median(list);
    const ratio = floor ? ` ${(m / floor).toFixed(3)}×` : '';
    const c = cpu.get(name) ?? [];
    process.stdout.write(`${name.padEnd(16)} ${m.toFixed(0).padStart(6)} ms${ratio}   cpu ${median(c).toFixed(0)} ms   runs ${list.map((x) => x.toFixed(0)).join(' ')}\n`);
  }
  process.stdout.write(`query: ${query}\n`);
}

const childAt = argv.indexOf('--child');
const floorWithCpu = async (args: Record<string, unknown>) => {
  const figures = await floorTask(args);
  const u = process.resourceUsage();
  return { ...figures, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 };
};
if (childAt >= 0) await childMain({ floor: floorWithCpu, 'bench-queries': queriesTask } as Record<string, (a: Record<string, unknown>) => Promise<Record<string, number | string | boolean | null>>>, argv[childAt + 1] ?? '', argv[childAt + 2] ?? '{}');
else await main();
