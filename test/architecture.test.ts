// The dependency rule of DESIGN.md, checked on the source: a folder is a runtime.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');

function sources(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(full);
    }
  };
  walk(join(root, folder));
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)) found.add(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.add(m[1]!);
  for (const m of text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(m[1]!);
  return [...found];
}

const isNode = (spec: string) => spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'worker_threads', 'zlib', 'http', 'https', 'net', 'stream'].includes(spec);

function violations(folder: string, bad: (spec: string, file: string) => boolean): string[] {
  return sources(folder).flatMap((file) =>
    imports(file).filter((spec) => bad(spec, file)).map((spec) => `${relative(root, file)} imports ${spec}`),
  );
}

describe('the dependency rule', () => {
  it('keeps the contract free of imports', () => {
    expect(imports(join(root, 'preload/contract.ts'))).toEqual([]);
  });

  it('keeps node and electron out of the renderer', () => {
    expect(violations('renderer', (s) => isNode(s) || s === 'electron' || s.includes('/main/'))).toEqual([]);
  });

  it('keeps electron and the renderer out of the engine', () => {
    expect(violations('main/engine', (s) => s === 'electron' || s.includes('renderer/') || s.includes('/desktop/'))).toEqual([]);
  });

  it('keeps desktop imports to the electron entry point', () => {
    const outside = [...sources('main/engine'), ...sources('main/cli'), ...sources('main/server'), ...sources('renderer')];
    const offenders = outside.filter((file) => imports(file).some((s) => /(^|\/)desktop\//.test(s)));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('has one door for archive HTML', () => {
    const door = /unsafeHTML|unsafeSVG|innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|createContextualFragment|DOMParser|srcdoc|document\.write/;
    const users = sources('renderer').filter((file) => door.test(readFileSync(file, 'utf8')));
    expect(users.map((f) => relative(root, f))).toEqual(['renderer/lib/safe-html.ts']);
  });

  it('lets the edges reach the engine only through its entry (the desktop: types of the worker messages only)', () => {
    // The entry and its three doors that load on demand (the export writers; the readers, for `serve`'s check; the
    // static site's card, for `serve`'s first page), so
    // that a warm command does not load them: each door only re-exports.
    const doors = ['index.ts', 'exports.ts', 'readers.ts', 'cards.ts'].map((f) => join(root, 'main/engine/service', f));
    for (const door of doors.slice(1)) {
      const lines = readFileSync(door, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('//'));
      expect(lines.filter((l) => !/^export (type )?\{[^}]*\} from '[^']+';$/.test(l)), door).toEqual([]);
    }
    const offenders: string[] = [];
    for (const folder of ['main/server', 'main/cli', 'main/desktop']) {
      for (const file of sources(folder)) {
        for (const spec of imports(file)) {
          const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
          if (!target.startsWith(join(root, 'main/engine') + '/')) continue;
          const typeOnly = new RegExp(`import\\s+type\\s[^;]*?from\\s*['"]${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`).test(readFileSync(file, 'utf8'));
          const allowed = folder === 'main/desktop' ? typeOnly : doors.includes(target);
          if (!allowed) offenders.push(`${relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the server and the CLI out of the desktop, and the desktop off the server and the CLI', () => {
    const desktop = violations('main/desktop', (s) => /(^|\/)(server|cli)\//.test(s));
    expect(desktop).toEqual([]);
  });

  it('has no import cycles in main/ and preload/', () => {
    const files = [...sources('main'), ...sources('preload')];
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const local = imports(file).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'));
      graph.set(file, local.filter((t) => graph.has(t) || files.includes(t)));
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(root, f)).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('keeps test-only code out of main/ (the simple matcher lives under test/)', () => {
    expect(sources('main').map((f) => relative(root, f)).filter((f) => /simple-search/.test(f))).toEqual([]);
  });
});
