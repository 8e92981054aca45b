// The viewer's entry point (bundled to dist/renderer/app.js): registers <outbox-app> and everything it uses.
import './components/outbox-app.js';
