// Issue 13 item 11: no post is lost for its date (the activity's date, then the Mastodon snowflake id, then undated),
// and plain text drops the content of <script> and <style> instead of gluing it to the next word.
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../main/engine/normalize/html-text.js';
import { itemToPost, snowflakeDate } from '../../../main/engine/normalize/post.js';
import { DEFAULT_ACCOUNT, makePost, snowflake } from '../../fixtures/archive-builder.js';

const resolve = () => null;
const WHEN = '2023-05-06T07:08:09.123Z';

/** A generated Create whose object's and activity's published are replaced. */
function item(objectPublished: unknown, activityPublished: unknown, id = snowflake(WHEN, 0)): Record<string, unknown> {
  const { json } = makePost({ account: DEFAULT_ACCOUNT, published: WHEN, text: 'keep me', visibility: 'public' });
  const object = { ...(json.object as Record<string, unknown>), published: objectPublished, id: `https://example.social/users/sam/statuses/${id}` };
  return { ...json, published: activityPublished, id: `${object.id}/activity`, object };
}

const read = (raw: unknown) => {
  const result = itemToPost(raw, 0, resolve);
  if ('skipped' in result) throw new Error(`skipped: ${result.skipped}`);
  return result;
};

describe('a post whose published is not a date', () => {
  it('takes the activity\'s date', () => {
    expect(read(item('last Tuesday', '2023-01-02T03:04:05Z')).published).toBe('2023-01-02T03:04:05Z');
  });

  it('else the time in its Mastodon snowflake id', () => {
    const post = read(item('soon', 42));
    expect(post.published).toBe(WHEN);
    expect(post.text).toBe('keep me');
    expect(snowflakeDate(`https://example.social/users/sam/statuses/${snowflake(WHEN, 7)}/activity`)).toBe(WHEN);
    expect(snowflakeDate('https://example.social/users/sam/statuses/12345')).toBeNull(); // a sequential id, not a time
  });

  it('else keeps it undated, with its content', () => {
    const post = read(item(null, 'never', '98765'));
    expect(post.published).toBe('');
    expect(post.text).toBe('keep me');
    const boost = itemToPost({ type: 'Announce', id: 'https://example.social/users/sam/statuses/55/activity', published: 'x', object: 'https://other.example/1', to: [], cc: [] }, 1, resolve);
    expect('skipped' in boost).toBe(false);
  });
});

describe('plain text of <script> and <style>', () => {
  it('drops their content instead of gluing it to the next word', () => {
    const html = '<p>Hello<script>window.__pwned=1</script> xss-script-marker <STYLE type="text/css">p { color: red }</STYLE>world' +
      '<script src="x.js"></script> end <scripts>kept</scripts></p><p>unclosed<script>never ends';
    const text = htmlToText(html);
    expect(text).toBe('Hello xss-script-marker world end kept\n\nunclosed');
    expect(text).not.toContain('pwned');
    expect(text).not.toContain('color');
  });
});
