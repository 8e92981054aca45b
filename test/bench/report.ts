// The bench's output: a table per archive size on stdout, and every figure as JSON in test-artifacts/bench.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Figures } from './child.js';
import type { Row, Target } from './suite.js';

export interface SizeReport {
  size: number;
  zipMb: number;
  outboxMb: number;
  generateMs: number;
  suites: Record<string, { rows: Row[]; targets: Target[] }>;
}

const num = (v: unknown): string =>
  typeof v !== 'number' ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(v >= 100 ? 0 : 2);

function notes(figures: Figures): string {
  if (figures.error) return `FAILED: ${String(figures.error)}`;
  return Object.entries(figures)
    .filter(([k]) => k !== 'ms' && k !== 'peakRssMb')
    .map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : String(v)}`)
    .join(' ');
}

/** Rows whose ms is one query's latency (a p95), not a wait to compare with the floor's. */
const LATENCY_ROWS = new Set(['search', 'api search cold']);

export function formatSize(report: SizeReport): string {
  const lines = [`\n${report.size.toLocaleString('en')} items — outbox.json ${report.outboxMb} MB, zip ${report.zipMb} MB (written in ${report.generateMs} ms)`];
  const floor = report.suites.open?.rows.find((r) => r.name === 'floor')?.figures;
  lines.push(`${'measurement'.padEnd(20)}${'ms'.padStart(10)}${'× floor'.padStart(10)}${'peak RSS MB'.padStart(13)}  notes`);
  for (const suite of Object.values(report.suites)) {
    for (const row of suite.rows) {
      const f = row.figures;
      const x = typeof f.ms === 'number' && typeof floor?.ms === 'number' && !LATENCY_ROWS.has(row.name) ? num(f.ms / floor.ms) : '';
      lines.push(`${row.name.padEnd(20)}${num(f.ms).padStart(10)}${x.padStart(10)}${num(f.peakRssMb).padStart(13)}  ${notes(f)}`);
    }
  }
  const targets = Object.values(report.suites).flatMap((s) => s.targets);
  if (targets.length) lines.push('targets:');
  for (const t of targets) lines.push(`  ${t.ok === null ? '?' : t.ok ? '✓' : '✗'} ${t.label}: ${t.detail}`);
  return lines.join('\n');
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
