// The list of benchmark suites `npm run bench` runs, in order. Add a suite here: its tasks run in fresh children.
// Later suites read earlier rows (the floor, the search suite's naive scan): keep open and search first.
import { queriesTask } from './bench-queries.js';
import { cliSuite } from './cli-suite.js';
import { exportSuite } from './export-suite.js';
import { millionSuite } from './million-suite.js';
import { openSuite } from './open-suite.js';
import { searchBench } from './search-bench.js';
import type { Task } from './child.js';
import type { Suite } from './suite.js';
import { viewerSuite } from './viewer-suite.js';

/** What runs for each size by default. */
export const SUITES: Suite[] = [openSuite, searchBench, cliSuite, viewerSuite, exportSuite];

/** Opt-in suites: `--million` runs this one alone on a 1M-post archive. */
export const OPT_IN: Suite[] = [millionSuite];

/** Every child task by name: the suites' own and the shared query drawing. */
export const TASKS: Record<string, Task> = Object.assign({ 'bench-queries': queriesTask }, ...[...SUITES, ...OPT_IN].map((s) => s.tasks));
