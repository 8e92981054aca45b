// likes/bookmarks grouped by server host; anything that is not a URL goes under "other".
import { describe, expect, it } from 'vitest';
import { groupByServer } from '../../../main/engine/index/uri-list.js';

describe('groupByServer', () => {
  it('groups by host (port kept) and keeps order within a host', () => {
    const list = groupByServer([
      'https://a.example/users/x/statuses/1', 'not a url', 'https://b.example:8443/notes/9', 'https://a.example/users/y/statuses/2', '',
    ]);
    expect(list.total).toBe(5);
    expect(list.byServer).toEqual({
      'a.example': ['https://a.example/users/x/statuses/1', 'https://a.example/users/y/statuses/2'],
      'b.example:8443': ['https://b.example:8443/notes/9'],
      other: ['not a url', ''],
    });
  });
});
