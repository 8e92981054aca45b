// Where things sit inside a search block (search/codec.ts's layout), for tests that damage one part of it.
const KIND_BYTES: Record<string, number> = { u8: 1, u16: 2, u32: 4, f64: 8 };
const pad8 = (x: number) => Math.ceil(x / 8) * 8;

interface Header {
  n: number;
  sections: Array<{ name: string; kind: string; length: number }>;
}

/** [offset in the block, byte length] of each section. */
export function sectionsOf(block: Uint8Array): Map<string, [number, number]> {
  const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const jsonLength = bytes.readUInt32LE(12);
  const header = JSON.parse(bytes.toString('utf8', 24, 24 + jsonLength)) as Header;
  const out = new Map<string, [number, number]>();
  let at = pad8(24 + jsonLength);
  for (const s of header.sections) {
    const length = s.length * KIND_BYTES[s.kind]!;
    out.set(s.name, [at, length]);
    at += pad8(length);
  }
  return out;
}

/** Offset in the block of the first doc number in the postings of `term` in the words table. */
export function wordPostingsAt(block: Uint8Array, term: string): number {
  const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const sections = sectionsOf(block);
  const [termsAt, termsLength] = sections.get('words.terms')!;
  const [termOffsetsAt] = sections.get('words.termOffsets')!;
  const [offsetsAt] = sections.get('words.offsets')!;
  const all = bytes.toString('utf8', termsAt, termsAt + termsLength);
  for (let t = 0; ; t++) {
    const from = bytes.readUInt32LE(termOffsetsAt + t * 4);
    const to = bytes.readUInt32LE(termOffsetsAt + (t + 1) * 4);
    if (from >= all.length) throw new Error(`no term ${term}`);
    if (all.slice(from, to) === term) return sections.get('words.docs')![0] + bytes.readUInt32LE(offsetsAt + t * 4) * 4;
  }
}
