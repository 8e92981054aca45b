// The list of benchmark suites `npm run bench` runs, in order. Add a suite here: its tasks run in fresh children.
import { openSuite } from './open-suite.js';
import { searchBench } from './search-bench.js';
import type { Suite } from './suite.js';

export const SUITES: Suite[] = [openSuite, searchBench];
