// Moved to main/engine/library/people-view.ts (the desktop's archive worker shares it; the engine never imports server/).
export * from '../engine/library/people-view.js';
