// Opening a container and picking its reader without indexing it: `outbox serve` checks a path this way before it
// prints its address. Apart from index.ts so that the commands that read only a cache never load the readers.
export { openExport, pickReader } from '../readers/pick.js';
