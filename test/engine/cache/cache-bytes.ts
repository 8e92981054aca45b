// Where a block starts inside a cache file, read from its header and metadata (for damage tests).
export function blockOffset(file: Buffer, block: 'columns' | 'ids' | 'search' | 'records'): number {
  const metaLength = file.readUInt32LE(12);
  const metaAt = file.readDoubleLE(16);
  const meta = JSON.parse(file.subarray(metaAt, metaAt + metaLength).toString('utf8')) as Record<string, [number, number]>;
  return meta[block]![0];
}

export const columnsOffset = (file: Buffer): number => blockOffset(file, 'columns') + 6;
