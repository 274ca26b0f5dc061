import type { Readable } from 'node:stream';

/** Splits a byte stream on one separator byte (NUL for `-z` output, LF for patches), without decoding. */
export async function* splitStream(stream: Readable, separator: number): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let i = data.indexOf(separator); i >= 0; i = data.indexOf(separator, start)) {
      yield data.subarray(start, i);
      start = i + 1;
    }
    data = data.subarray(start);
    rest = Buffer.from(data);
  }
  if (rest.length > 0) yield rest;
}
