// English: the source catalogue. Every message of the viewer and of the desktop's menus and dialogs, by id;
// {name} is a slot the code fills, `id#one` / `id#other` are plural forms (CLDR categories: zero, one, two, few,
// many, other). The other languages' files translate these ids; lib/i18n.ts reads them.
export const templates = {
  'section.posts': 'Posts',
  'section.stats': 'Stats',
  'section.people': 'People',
  'section.favourites': 'Favourites',
  'section.bookmarks': 'Bookmarks',

  'count.results#one': '{n} result',
  'count.results#other': '{n} results',

  'search.bestMatchSuffix': ' · best match',

  'count.posts#one': '{n} post',
  'count.posts#other': '{n} posts',

  'dates.range': '{from} – {to}',

  'moves.noPosts': 'no posts',
  'moves.arrow': '→',
  'moves.dates': '(old account: {old}; new account: {new})',
  'moves.showOne': 'Show this archive only',
  'moves.showBoth': 'Show both accounts as one timeline',

  'header.sections': 'Sections',

  'filters.title': 'Filters',

  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.titleKey': 'Keyboard shortcuts (?)',

  'panel.label': 'Profile and filters',

  'thread.title': 'Thread',

  'bars.show': 'Show these posts: {label}',

  'common.none': 'None.',

  'boost.label': 'Boost, {date}',
  'boost.lineFrom': '{who} boosted a post from {server}',
  'boost.line': '{who} boosted a post',
  'boost.you': 'You',
  'boost.unnamed': 'The boosted post is not named in the archive.',

  'post.from': 'from {source}',

  'calendar.day': '{date}: {posts}',
  'calendar.year': 'Posts per day in {year}',
  'calendar.empty': 'No posts with a date.',
  'calendar.fewer': 'Fewer',
  'calendar.more': 'more',
  'calendar.busiest': '(busiest day: {n})',

  'advice.notFound': 'Check that the file still exists and was not moved or renamed.',
  'advice.notArchive': 'Choose the .zip (or, before Mastodon 4.2, the .tar.gz) your server let you download, or the folder it unpacked to.',
  'advice.empty': 'The file has no bytes: download the archive from your server again.',
  'advice.truncated': 'The download probably stopped early: download the archive again and check its size.',
  'advice.noOutbox': 'This is not an account archive (it has no outbox.json). On Mastodon: Preferences ▸ Import and export ▸ Request your archive.',
  'advice.badJson': 'outbox.json is damaged. Download the archive again; if it keeps happening, the server wrote a broken file.',
  'advice.notCollection': 'outbox.json is not an ActivityPub outbox. Make sure this archive comes from Mastodon, Pleroma or Akkoma.',
  'advice.encrypted': 'Outbox cannot read encrypted archives: unpack it with your password first, then open the folder.',
  'advice.unsafe': 'The archive looks tampered with, so Outbox refused to read it. Download it again from your server.',
  'advice.tooLarge': 'The archive is larger than Outbox’s safety limits allow.',
  'advice.io': 'Your computer refused to read the file: check permissions and free disk space, then try again.',
  'advice.notOpen': 'The archive is no longer open: open it again.',
  'advice.internal': 'This is a bug in Outbox. Please report it with the message above.',

  'error.title': 'This archive could not be opened',
  'error.file': 'File: {file}',
  'error.retry': 'Try again',
  'error.demo': 'Open the demo instead',

  'language.switch': 'Interface language',
  'language.unset': 'Not set',

  'export.jsonl': 'JSON Lines (.jsonl)',
  'export.csv': 'CSV (.csv)',
  'export.md': 'Markdown site',
  'export.html': 'HTML site',
  'export.saved': 'Saved {posts} as {file}.',
  'export.privateCounts': ' ({private} followers-only and {direct} direct in this selection)',
  'export.private': 'Include followers-only posts and direct messages{counts}. Unchecked, the site leaves them out, so it is safe to share; checked, it holds what only your followers and the people you wrote to were meant to read.',
  'export.label': 'Export',
  'export.headingAll': 'Export the posts shown',
  'export.heading#one': 'Export {n} post shown',
  'export.heading#other': 'Export {n} posts shown',
  'export.intro': 'Every export takes the current filter and search, oldest post first.',

  'common.cancel': 'Cancel',

  'export.progress': 'Export progress',
  'export.written#one': '{n} post written…',
  'export.written#other': '{n} posts written…',
  'export.writtenOf': '{n} of {total} posts written…',
  'export.rows': 'JSON Lines and CSV keep every post of the selection, with its visibility on each row.',
  'export.run': 'JSON Lines or CSV: run',
  'export.site': 'Site',
  'export.siteFormat': 'Site format',
  'export.siteIntro': 'A site is a folder of pages and media, which the outbox command writes. Run:',
  'export.unquotable': 'Left out of the command because their values hold characters a shell would run: {filters}. Add them by hand.',
  'export.button': 'Export ▾',

  'filters.posts': 'Posts',
  'filters.replies': 'Replies',
  'filters.boosts': 'Boosts',
  'filters.withMedia': 'With media',
  'filters.polls': 'Polls',
  'filters.cw': 'Content warning',
  'filters.edited': 'Edited',
  'filters.noAlt': 'Missing alt text',
  'filters.order': 'Order',
  'filters.language': 'Language',
  'filters.countDescription': '{n} in the current results',
  'filters.anyLanguage': 'Any language',
  'filters.languageOption': '{language} ({n})',
  'filters.hashtags': 'Hashtags',
  'filters.dates': 'Dates',
  'filters.from': 'From',
  'filters.fromDate': 'From date',
  'filters.to': 'To',
  'filters.toDate': 'To date',
  'filters.clearAll': 'Clear all',
  'filters.show': 'Show',
  'filters.having': 'Having',
  'filters.visibility': 'Visibility',
  'filters.mentioning': 'Mentioning',
  'filters.bestMatch': 'Best match',
  'filters.newest': 'Newest first',
  'filters.oldest': 'Oldest first',

  'hours.caption': 'Posts and boosts by hour ({zone}); darker is busier, busiest hour: {n}.',
  'hours.day': 'Day',
  'hours.cell': '{day} {from}–{to}: {n}',

  'media.altBadge': 'ALT',
  'media.noAltBadge': 'NO ALT',
  'media.absent': 'Not in this archive',
  'media.videoNoAlt': 'Video without a description',
  'media.audioNoAlt': 'Audio without a description',
  'media.view': 'View image: {alt}',
  'media.viewNoAlt': 'View image (no description)',
  'media.sensitive': 'Sensitive media',
  'media.showIt': 'Show it',
  'media.showAll#one': 'Show all {n}',
  'media.showAll#other': 'Show all {n}',
  'media.descriptions': 'Image descriptions',
  'media.noAlt': 'No alt text',

  'viewer.label': 'Media viewer',
  'viewer.position': '{n} of {total}',

  'common.close': 'Close',

  'viewer.previous': 'Previous',
  'viewer.next': 'Next',
  'viewer.noAlt': 'This image has no alt text.',

  'chart.month': 'Month',
  'chart.posts': 'Posts',
  'chart.boosts': 'Boosts',
  'chart.none': 'No posts.',
  'chart.summary': 'Posts per month from {from} to {to}; the busiest was {busiest} with {posts}.',

  'count.boosts#one': '{n} boost',
  'count.boosts#other': '{n} boosts',

  'months.title': 'Activity',
  'months.year': 'Months of {year}',
  'months.empty': '{month}: no posts',
  'months.label': '{month}, {posts}',

  'people.following': 'Following',
  'people.followers': 'Followers',
  'people.lists': 'Lists',
  'people.blocks': 'Blocked',
  'people.mutes': 'Muted',
  'people.domainBlocks': 'Blocked domains',
  'people.bookmarks': 'Bookmarks',
  'people.unsupported': 'This version of Outbox cannot show people here: update it.',
  'people.postsTitle': 'In {posts} (mentioned, replied to or boosted): show the posts that mention {name}',
  'people.search': 'Search {list}',
  'people.searchPlaceholder': 'Search by name or server',
  'people.sort': 'Sort',
  'people.sortName': 'A–Z',
  'people.sortServer': 'By server',
  'people.sortPosts': 'Most talked about',
  'people.save': 'Save as CSV',

  'common.nOfTotal': '{n} of {total}',

  'count.entries#one': '{n} entry',
  'count.entries#other': '{n} entries',

  'common.noMatch': 'Nothing matches.',

  'people.servers': 'Servers',
  'people.noServers': 'No servers.',
  'people.noLists': "No relationship lists were given. Run {command} or put Mastodon's CSV exports beside the archive.",
  'people.about': 'About these files ({files})',

  'count.files#one': '{n} file',
  'count.files#other': '{n} files',

  'people.file': '{file}: {rows} ({list})',

  'count.rows#one': '{n} row',
  'count.rows#other': '{n} rows',

  'people.problem': '{file}, line {line}: {reason}',

  'common.loading': 'Loading…',

  'poll.closed': 'Closed',
  'poll.openUntil': 'Open until {date}',
  'poll.open': 'Open',
  'poll.voters#one': '{n} person voted',
  'poll.voters#other': '{n} people voted',

  'count.votes#one': '{n} vote',
  'count.votes#other': '{n} votes',

  'poll.label': 'Poll',
  'poll.multiple': 'Multiple choice',

  'post.languageLabel': 'Language: ',
  'post.editedAt': 'Edited {date}',
  'post.edited': 'Edited',
  'post.favouritesSuffix': ' favourites',
  'post.boostsSuffix': ' boosts',
  'post.original': 'Original',
  'post.replyTo': 'Reply to {target}',
  'post.replyInArchive': 'a post in this archive',
  'post.replyOn': 'a post on {server}',
  'post.replyUnknown': 'a post',
  'post.quoting': 'Quoting',
  'post.filterTag': 'Filter by {tag}',
  'post.label': '{name}, {date}',
  'post.direct': 'Private message — only the people mentioned could see this',
  'post.openOriginal': 'Open the original',
  'post.showMore': 'Show more',
  'post.showLess': 'Show less',

  'profile.label': 'Profile',
  'profile.bot': 'Bot',
  'profile.group': 'Group',
  'profile.suspended': 'Suspended',
  'profile.memorial': 'In memoriam',
  'profile.absent': 'No profile in this archive',
  'profile.moved': '{moved} to {target}',
  'profile.movedLead': 'This account has moved',
  'profile.joined': 'Joined {date}',
  'profile.counts': 'Counts',
  'profile.posts#one': '{n} post',
  'profile.posts#other': '{n} posts',
  'profile.boosts#one': '{n} boost',
  'profile.boosts#other': '{n} boosts',
  'profile.replies#one': '{n} reply',
  'profile.replies#other': '{n} replies',
  'profile.media#one': '{n} media',
  'profile.media#other': '{n} media',

  'progress.reading': 'Reading your posts',
  'progress.indexing': 'Building the search index',
  'progress.cache': 'Loading from the cache',
  'progress.done': 'Ready',
  'progress.starting': 'Starting',
  'progress.title': 'Opening the archive…',
  'progress.phase': '{phase}. Your archive stays on this computer.',
  'progress.label': 'Opening the archive',
  'progress.working': 'Working',

  'count.items#one': '{n} item',
  'count.items#other': '{n} items',

  'search.label': 'Search posts',
  'search.clear': 'Clear search',
  'search.clearKey': 'Clear search (Esc)',

  'shortcuts.next': 'Next post',
  'shortcuts.previous': 'Previous post',
  'shortcuts.search': 'Search',
  'shortcuts.thread': 'Open the post’s thread',
  'shortcuts.back': 'Back, or close',
  'shortcuts.cw': 'Show or hide a content warning',
  'shortcuts.images': 'Previous / next image in the viewer',
  'shortcuts.help': 'This list',

  'media.kind.image': 'image',
  'media.kind.video': 'video',
  'media.kind.gifv': 'gifv',
  'media.kind.audio': 'audio',
  'media.kind.unknown': 'unknown',

  'table.none': 'None',
  'table.streak': '{days} ({range})',

  'count.days#one': '{n} day',
  'count.days#other': '{n} days',

  'table.totals': 'Totals',
  'table.originals': 'Originals',
  'table.selfReplies': 'Replies to own posts',
  'table.withCw': 'With a content warning',
  'table.averageLength': 'Average length (characters)',
  'table.longestPost': 'Longest post (characters)',

  'stats.longestStreak': 'Longest streak',

  'table.latestStreak': 'Latest streak',
  'table.timeZone': 'Time zone',
  'table.figure': 'Figure',
  'table.value': 'Value',
  'table.perMonth': 'Per month',
  'table.perDay': 'Posts per day (days with posts)',
  'table.hours': 'Posts and boosts by hour and weekday ({zone})',

  'stats.topHashtags': 'Top hashtags',

  'table.hashtag': 'Hashtag',

  'stats.topMentions': 'Top mentioned accounts',

  'table.account': 'Account',

  'stats.topServers': 'Top boosted servers',

  'table.server': 'Server',

  'stats.topAccounts': 'Top boosted accounts',
  'stats.languages': 'Languages',
  'stats.media': 'Media',

  'table.attachments': 'Attachments',
  'table.withAlt': 'With alt text',
  'table.postsWithMedia': 'Posts with media',
  'table.kind': 'Kind',

  'stats.unsupported': 'This version of Outbox cannot count stats here: update it, or run `outbox stats` on the archive.',
  'stats.showAs': 'Show as',
  'stats.charts': 'Charts',
  'stats.table': 'Table',
  'stats.local': 'Local time',
  'stats.utc': 'UTC',

  'count.originals#one': '{n} original',
  'count.originals#other': '{n} originals',
  'count.replies#one': '{n} reply',
  'count.replies#other': '{n} replies',

  'stats.cws': 'Content warnings',
  'stats.altCard': 'Media with alt text',
  'stats.averageLength': 'Average length',

  'count.chars#one': '{n} char',
  'count.chars#other': '{n} chars',

  'stats.longest': 'longest {n}',
  'stats.utcNote': ' The timeline picks days in UTC, so posts near midnight may move by a day.',
  'stats.perMonth': 'Posts and boosts per month',
  'stats.monthNote': 'Click a month to read its posts. The same numbers are in the Table view.',
  'stats.perDay': 'Posts per day',
  'stats.dayNote': 'Click a day to read its posts; arrow keys move between days.',
  'stats.hours': 'Hour of day × day of week',
  'stats.repliesCws': 'Replies and content warnings',
  'stats.noMedia': 'No media.',
  'stats.altNote#one': '{share} of {n} attachment has alt text;',
  'stats.altNote#other': '{share} of {n} attachments have alt text;',
  'stats.mediaPosts#one': '{n} post has media.',
  'stats.mediaPosts#other': '{n} posts have media.',
  'stats.empty': 'No posts match this filter.',
  'stats.leadFiltered': '{posts} and {boosts} matching the current filter and search, counted in {zone}.',
  'stats.leadArchives': '{posts} and {boosts} in these archives, counted in {zone}.',
  'stats.leadArchive': '{posts} and {boosts} in this archive, counted in {zone}.',
  'stats.localZone': 'local time ({zone})',
  'stats.counting': 'Counting…',

  'thread.missingParent': 'Starts as a reply to a post that is not in this archive:',
  'thread.alone': 'No replies or earlier posts of this conversation are in the archive.',
  'thread.shown#one': '{n} reply of {total} shown',
  'thread.shown#other': '{n} replies of {total} shown',
  'thread.more': 'Show more ({n})',
  'thread.back': 'Back',
  'thread.loading': 'Loading the thread…',

  'timeline.fromArchive': 'From the archive {file}',

  'empty.queryFilters': 'No post has “{q}” with the filters chosen.',
  'empty.query': 'No post has “{q}”. Try other words.',
  'empty.filters': 'Try fewer filters.',
  'empty.archive': 'This archive has no posts.',
  'empty.title': 'No posts match.',
  'empty.clearFilters': 'Clear filters',
  'empty.clearBoth': 'Clear both',

  'timeline.error': 'The posts could not be loaded.',
  'timeline.loading': 'Loading posts…',

  'uris.lead': '{posts} on {servers}. Archives keep only the addresses, not the posts.',

  'count.servers#one': '{n} server',
  'count.servers#other': '{n} servers',

  'uris.none': 'The archive holds none.',

  'welcome.title': 'Read your fediverse archive, offline.',
  'welcome.intro': 'Outbox opens the archive Mastodon, Pleroma or Akkoma lets you download, and shows every post, boost and picture in it. Nothing leaves your computer.',
  'welcome.desktop': 'Open your archive from the {menu} menu, or look around the demo first.',

  'menu.file': 'File',

  'welcome.demo': 'Open the demo archive',
  'welcome.browser': 'No archive is open in this window. Start Outbox with one: {command} — or without a path to see the demo.',

  'notes.missingMedia#one': '{n} media file is not in this archive; those posts show a placeholder.',
  'notes.missingMedia#other': '{n} media files are not in this archive; those posts show a placeholder.',
  'notes.unreadable': 'Some of this archive could not be read',

  'count.notes#one': '{n} note',
  'count.notes#other': '{n} notes',

  'notes.more': '…and {n} more.',
  'notes.dismiss': 'Dismiss',

  'people.boostsHidden': 'boosts hidden',
  'people.notifies': 'notifies',
  'people.notificationsHidden': 'notifications hidden',
  'people.saved': "Saved as {file} (Mastodon's import format).",

  'download.cancelled': 'Export cancelled.',
  'download.unreachable': 'Outbox could not reach its local server. Is `outbox serve` still running?',
  'download.http': 'The Outbox server answered the export with HTTP {status}.',
  'download.stopped': 'The export stopped before its end: try again.',

  'http.unreachable': 'Outbox could not reach its local server. Is `outbox serve` still running? Start it again and open the address it prints.',
  'http.signedOut': 'This page is not signed in to the Outbox server. Open the address that `outbox serve` printed (with its token) again.',
  'http.notJson': 'The Outbox server answered {route} with something that is not JSON (HTTP {status}).',
  'http.status': 'The Outbox server answered {route} with HTTP {status}.',
  'http.noOpen': 'In browser mode Outbox shows the archive given on the command line. Run `outbox serve path/to/archive.zip` to open another one.',

  'emoji.custom': 'Custom emoji (not in the archive)',

  'visibility.public': 'Public',
  'visibility.unlisted': 'Unlisted',
  'visibility.private': 'Followers only',
  'visibility.direct': 'Direct message',

  'html.image': '[image: {alt}]',
  'html.imageBare': '[image]',
} as const;

/** The id of a message. */
export type MessageId = keyof typeof templates;
