import type { Catalogue } from './catalogue.js';
import { templates as en } from './en.js';

export const templates: Catalogue = { ...en };
