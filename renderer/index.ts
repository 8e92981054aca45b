// The viewer's entry point (bundled to dist/renderer/app.js): picks the interface language, then registers
// <outbox-app> and everything it uses, so the first screen is already in the reader's language.
import { startLanguage } from './lib/i18n.js';
import { appTransport } from './lib/transport.js';

// The archive is asked for first: the server answers while the language and the components load.
appTransport().boot();
await startLanguage();
await import('./components/outbox-app.js');
// The first answers are on their way and the main thread has nothing to do until they come: the formatters now.
setTimeout(() => void import('./lib/format.js').then((m) => m.warmFormats()));
