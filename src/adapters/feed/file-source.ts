import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { JamwatchError } from '../../errors.js';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** The first bytes of a file (uncompressed when it is gzip), for format detection. */
export async function readHead(path: string, bytes = 64 * 1024): Promise<Uint8Array> {
  for await (const chunk of readChunks(path, bytes)) return chunk.subarray(0, bytes);
  return new Uint8Array();
}

/** A file's bytes in chunks, gunzipped on the fly when it starts with the gzip magic. */
export async function* readChunks(path: string, highWaterMark = 256 * 1024): AsyncGenerator<Uint8Array> {
  let gzip: boolean;
  try {
    const handle = await open(path, 'r');
    const probe = Buffer.alloc(2);
    await handle.read(probe, 0, 2, 0);
    await handle.close();
    gzip = probe[0] === GZIP_MAGIC_0 && probe[1] === GZIP_MAGIC_1;
  } catch (cause) {
    throw new JamwatchError('INPUT_OPEN', `cannot open input file ${path}: ${(cause as Error).message}`, { cause });
  }
  const stream = createReadStream(path, { highWaterMark });
  yield* gzip ? stream.pipe(createGunzip({ chunkSize: highWaterMark })) : stream;
}
