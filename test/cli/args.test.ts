// The command line's grammar: a flag's value is never read as a command or an archive.
import { describe, expect, it } from 'vitest';
import { parseInvocation, UsageError } from '../../main/cli/args.js';

describe('parseInvocation', () => {
  it('reads `outbox --port 0` as the desktop launch with a port, not a command named 0', () => {
    const inv = parseInvocation(['--port', '0', '--no-open']);
    expect(inv.command).toBe('launch');
    expect(inv.flags.port).toBe('0');
  });

  it('still finds the subcommand after a valued flag', () => {
    const inv = parseInvocation(['--port', '8080', 'serve', 'a.zip']);
    expect(inv.command).toBe('serve');
    expect(inv.paths).toEqual(['a.zip']);
  });

  it('treats everything after -- as archive paths', () => {
    const inv = parseInvocation(['--', 'summary']);
    expect(inv.command).toBe('launch');
  });

  it('refuses an unknown command', () => {
    expect(() => parseInvocation(['sumary', 'x'])).toThrow(UsageError);
  });
});
