// What reaches the terminal: archive text (display names, hashtags, CSV lines) can carry escape sequences that retitle
// the window, clear the screen or hide text. Every text the CLI prints passes terminalText(), at the stream itself.

/**
 * C0 controls but tab and newline (ESC, BEL, CR, backspace…), DEL, and the C1 controls (U+0080–U+009F, among them
 * CSI and OSC as single characters). Stripping each one is enough: what is left of a sequence is plain text.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export const terminalText = (text: string): string => text.replace(CONTROLS, '');

const original = Symbol('outbox.rawWrite');
type Guarded = NodeJS.WriteStream & { [original]?: NodeJS.WriteStream['write'] };

/**
 * From now on, every string written to `stream` loses its control characters (see writeControl for the few we
 * draw ourselves). At the stream, not at each call site: no command can forget it.
 */
export function guardStream(stream: NodeJS.WriteStream): void {
  const s = stream as Guarded;
  if (s[original]) return;
  const write = s.write.bind(s) as (...args: unknown[]) => boolean;
  s[original] = write as NodeJS.WriteStream['write'];
  s.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === 'string' ? terminalText(chunk) : chunk instanceof Uint8Array ? terminalText(Buffer.from(chunk).toString('utf8')) : chunk, ...rest)) as NodeJS.WriteStream['write'];
}

/** Writes our own control sequences (the progress bar's carriage return and line erase) past the guard. */
export function writeControl(stream: NodeJS.WriteStream, text: string): boolean {
  const raw = (stream as Guarded)[original];
  return raw ? raw(text) : stream.write(text);
}
