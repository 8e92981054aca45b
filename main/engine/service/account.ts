// The one place an account is written as "@user@server".
import type { ArchiveInfo } from '../../../preload/contract.js';

/** "@user@server", or "@user" when the server is unknown; null without a username. */
export function handle(username: string | null | undefined, server: string | null | undefined): string | null {
  if (!username) return null;
  return server ? `@${username}@${server}` : `@${username}`;
}

/** "@user@server" of an open account, null without actor.json. */
export const acctOfInfo = (info: ArchiveInfo): string | null => handle(info.profile.username, info.profile.server);

/** The account an export row names: "@user@server", else the archive's file name (no actor.json). */
export const accountLabel = (info: ArchiveInfo): string => acctOfInfo(info) ?? info.name;

/**
 * The account as one line of text (`outbox summary`): "Name (@user@server)"; without a username (no actor.json),
 * that fact and the file's name, never a bare "@".
 */
export function accountText(info: ArchiveInfo, profile: { username: string; displayName: string } = info.profile): string {
  const who = handle(profile.username, info.profile.server);
  if (!who) return `unknown (${info.name} has no actor.json)`;
  return profile.displayName ? `${profile.displayName} (${who})` : who;
}
