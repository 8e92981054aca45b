// readProfile: actor.json → Profile (FORMAT §1.4), tolerant of missing or oddly shaped fields.
import type { Profile, ProfileField } from '../../../preload/contract.js';
import { href, isObject, isoDate, list, nonEmpty, str, tags } from './fields.js';

/** The profile of an archive without actor.json. */
export function emptyProfile(): Profile {
  return {
    id: '',
    username: '',
    server: null,
    displayName: '',
    bio: '',
    fields: [],
    avatar: null,
    header: null,
    avatarDescription: null,
    headerDescription: null,
    joined: null,
    url: null,
    movedTo: null,
    alsoKnownAs: [],
    suspended: false,
    memorial: false,
    actorType: 'Person',
    emojis: [],
    present: false,
  };
}

function host(uri: string): string | null {
  try {
    return new URL(uri).host || null;
  } catch {
    return null;
  }
}

function image(value: unknown, resolve: (url: string) => string | null): { path: string | null; description: string | null } {
  const img = list(value)[0];
  const url = isObject(img) ? href(img.url) : typeof img === 'string' ? img : null;
  let path: string | null = null;
  if (url !== null) {
    try {
      path = resolve(url);
    } catch {
      path = null;
    }
  }
  return { path, description: isObject(img) ? nonEmpty(img.summary) ?? nonEmpty(img.name) : null };
}

/** actor.json → Profile; `resolve` maps icon/image urls to entry names in the archive. */
export function readProfile(json: unknown, resolve: (url: string) => string | null): Profile {
  const profile = emptyProfile();
  if (!isObject(json)) return profile;
  const id = str(json.id) ?? '';
  const fields: ProfileField[] = [];
  for (const a of list(json.attachment)) {
    if (isObject(a) && a.type === 'PropertyValue' && typeof a.name === 'string') {
      fields.push({ name: a.name, value: str(a.value) ?? '' });
    }
  }
  const avatar = image(json.icon, resolve);
  const header = image(json.image, resolve);
  const type = typeof json.type === 'string' ? json.type : (list(json.type).find((t) => typeof t === 'string') as string | undefined);
  return {
    ...profile,
    id,
    username: str(json.preferredUsername) ?? '',
    server: id ? host(id) : null,
    displayName: str(json.name) ?? '',
    bio: str(json.summary) ?? '',
    fields,
    avatar: avatar.path,
    header: header.path,
    avatarDescription: avatar.description,
    headerDescription: header.description,
    joined: isoDate(json.published),
    url: href(json.url),
    movedTo: typeof json.movedTo === 'string' ? json.movedTo : isObject(json.movedTo) ? str(json.movedTo.id) : null,
    alsoKnownAs: list(json.alsoKnownAs)
      .map((a) => (typeof a === 'string' ? a : isObject(a) ? str(a.id) : null))
      .filter((a): a is string => a !== null),
    suspended: json.suspended === true,
    memorial: json.memorial === true,
    actorType: type ?? 'Person',
    emojis: tags(json.tag).emojis,
    present: true,
  };
}
