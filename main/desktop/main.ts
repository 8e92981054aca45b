// The Electron entry point (built to dist/desktop/main.cjs, the package's "main"): the app with its built files.
import { join } from 'node:path';
import { runDesktop } from './app.js';

// dist/desktop/main.cjs sits beside dist/preload, dist/renderer and dist/engine.
runDesktop({
  preload: join(__dirname, '../preload/index.cjs'),
  renderer: join(__dirname, '../renderer'),
  worker: join(__dirname, '../engine/worker.js'),
});
