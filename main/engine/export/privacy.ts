// The privacy rule of shareable exports: followers-only and direct posts stay out unless the user asks.
import type { Post } from '../../../preload/contract.js';

export class PrivacyFilter {
  readonly leftOut = { private: 0, direct: 0 };

  constructor(private readonly includePrivate: boolean) {}

  /** true when the post may be written; counts it when it may not. A boost of a private post is private too. */
  keep(post: Post): boolean {
    if (this.includePrivate) return true;
    const visibilities = [post.visibility, post.boosted?.visibility];
    if (visibilities.includes('direct')) {
      this.leftOut.direct++;
      return false;
    }
    if (visibilities.includes('private')) {
      this.leftOut.private++;
      return false;
    }
    return true;
  }

  /** The sentence the first page shows. */
  notice(): string {
    if (this.includePrivate) {
      return 'Followers-only and direct posts are included (--include-private): think before sharing this export.';
    }
    const { private: followers, direct } = this.leftOut;
    if (followers === 0 && direct === 0) return 'No followers-only or direct posts were in the selection, so none were left out.';
    const noun = (n: number, what: string) => `${n} ${what} post${n === 1 ? '' : 's'}`;
    const parts = [followers ? noun(followers, 'followers-only') : '', direct ? noun(direct, 'direct') : ''].filter(Boolean);
    const verb = followers + direct === 1 ? 'was' : 'were';
    return `${parts.join(' and ')} ${verb} left out; run with --include-private to include them.`;
  }
}
