// The whole-process measurements' plumbing: a child's own peak RSS, its first stdout line, its exit (never timed).
import { describe, expect, it } from 'vitest';
import { launchNode, runNode } from './process-run.js';

describe('bench process runs', () => {
  it('reports the peak RSS the process itself saw, and its exit code', async () => {
    // 200 MB touched: the figure must come from the child, not from this process.
    const r = await runNode(['-e', 'const b = Buffer.alloc(200e6, 1); console.log(b[5])'], { keepStdout: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1\n');
    expect(r.peakRssMb).toBeGreaterThan(200);
    const small = await runNode(['-e', '0']);
    expect(small.peakRssMb).toBeGreaterThan(10);
    expect(small.peakRssMb).toBeLessThan(r.peakRssMb!);
  });

  it('resolves the first line before the process ends, and stop() ends a server that runs until a signal', async () => {
    const run = launchNode(['-e', 'process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000); console.log("http://x/")']);
    const first = await run.firstLine;
    expect(first.line).toBe('http://x/');
    expect(run.child.exitCode).toBeNull();
    const end = await run.stop();
    expect(end.code).toBe(0);
    expect(end.peakRssMb).toBeGreaterThan(0);
    expect(end.ms).toBeGreaterThanOrEqual(first.ms);
  });

  it('fails a command that exits non-zero, naming it and its stderr', async () => {
    await expect(runNode(['-e', 'console.error("broken archive"); process.exit(2)'])).rejects.toThrow(/exited with 2: broken archive/);
    await expect(launchNode(['-e', '0']).firstLine).rejects.toThrow(/printed no line/);
  });
});
