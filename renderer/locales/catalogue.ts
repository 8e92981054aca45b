// The shape every translation has: each message of en.ts, and each plural message's `other` form at least
// (a language adds the categories it uses: ja and zh need only `other`, ar uses all six).
import type { MessageId } from './en.js';

type PluralBase<K> = K extends `${infer Base}#${string}` ? Base : never;
type Category = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

export type Catalogue = { readonly [K in Exclude<MessageId, `${string}#${string}`>]: string }
  & { readonly [K in `${PluralBase<MessageId>}#other`]: string }
  & { readonly [K in `${PluralBase<MessageId>}#${Category}`]?: string };
