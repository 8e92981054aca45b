// Builds everything `npm start`, `npx outbox`, `npm test` and `npm run bench` need into dist/ (run by `prepare`).
// esbuild bundles each runtime separately: the CLI/engine for Node, the Electron main and preload as CommonJS,
// the renderer for the browser. Then the demo archive is written by the fixture generator.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const at = (p) => join(root, p);

const node = { platform: 'node', target: 'node20', bundle: true, sourcemap: true, packages: 'external', logLevel: 'warning' };
const targets = [
  // Split at the CLI's dynamic imports (serve, desktop): a warm `summary` does not load the server. Chunks sit beside
  // outbox.js, so import.meta.url-relative paths (cli/paths.ts, engine/demo.ts) hold in every chunk.
  {
    ...node, entryPoints: [at('main/cli/outbox.ts')], outdir: join(dist, 'cli'), splitting: true, chunkNames: 'chunk-[hash]',
    format: 'esm', banner: { js: '#!/usr/bin/env node' },
  },
  { ...node, entryPoints: [at('main/engine/worker.ts')], outfile: join(dist, 'engine/worker.js'), format: 'esm' },
  // The cold open's search build on a second thread (engine/index/search-thread.ts finds it beside the CLI's and the worker's bundles).
  { ...node, entryPoints: [at('main/engine/search/search-worker.ts')], outfile: join(dist, 'engine/search-worker.js'), format: 'esm' },
  // The thread that makes an export's files (engine/export/file-writer.ts finds it the same way).
  { ...node, entryPoints: [at('main/engine/export/file-writer-worker.ts')], outfile: join(dist, 'engine/file-writer-worker.js'), format: 'esm' },
  { ...node, entryPoints: [at('main/desktop/main.ts')], outfile: join(dist, 'desktop/main.cjs'), format: 'cjs', external: ['electron'] },
  // A sandboxed preload may only require('electron'): bundle everything else into it.
  { platform: 'node', target: 'node20', bundle: true, sourcemap: true, entryPoints: [at('preload/index.ts')], outfile: join(dist, 'preload/index.cjs'), format: 'cjs', external: ['electron'], logLevel: 'warning' },
  { platform: 'browser', target: 'chrome120', bundle: true, sourcemap: true, entryPoints: [at('renderer/index.ts')], outfile: join(dist, 'renderer/app.js'), format: 'esm', logLevel: 'warning',
    // a third less for the page to fetch and parse before its first post (the source map keeps it readable)
    minify: true },
  { ...node, entryPoints: [at('test/fixtures/demo.ts')], outfile: join(dist, 'tools/demo.js'), format: 'esm' },
  { ...node, entryPoints: [at('test/bench/bench.ts')], outfile: join(dist, 'bench/bench.js'), format: 'esm' },
];

mkdirSync(dist, { recursive: true });
// The CLI's chunks are named by their hash: last build's would stay beside the new ones.
rmSync(join(dist, 'cli'), { recursive: true, force: true });
await Promise.all(
  targets.filter((t) => existsSync(t.entryPoints[0])).map((t) => build(t)),
);

// Static renderer files (index.html, styles) next to the bundle.
for (const file of ['index.html', 'styles']) {
  if (existsSync(at(`renderer/${file}`))) cpSync(at(`renderer/${file}`), join(dist, 'renderer', file), { recursive: true });
}

// The page allows the one bundle it loads, by hash (renderer/index.html says why). One file only: a module it imported
// would have no integrity to match, so the renderer must stay a single bundle (no code splitting).
{
  const page = join(dist, 'renderer', 'index.html');
  const hash = `sha256-${createHash('sha256').update(readFileSync(join(dist, 'renderer', 'app.js'))).digest('base64')}`;
  const template = readFileSync(page, 'utf8');
  const html = template
    .replace("script-src 'none';", `script-src '${hash}';`)
    .replace('<script type="module" src="app.js">', `<script type="module" src="app.js" integrity="${hash}">`);
  if (!html.includes(`'${hash}'`) || !html.includes(`integrity="${hash}"`)) {
    throw new Error('renderer/index.html: the script-src \'none\' placeholder or the app.js script tag is missing');
  }
  writeFileSync(page, html);
}

// The demo archive the app shows when given none.
if (existsSync(join(dist, 'tools/demo.js'))) {
  rmSync(join(dist, 'demo'), { recursive: true, force: true });
  execFileSync(process.execPath, [join(dist, 'tools/demo.js'), join(dist, 'demo')], { stdio: 'inherit' });
}
