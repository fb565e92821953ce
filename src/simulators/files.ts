import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SimulatorHttpError } from './http';

/**
 * The files behind the vendors' file URLs (an ACC signed URL, a material's URL, a download
 * order's ZIP): `size` bytes made up from the file's identity, generated as they are sent and
 * never held, so a 1 GiB file costs no memory and a test can hash what arrived and compare.
 */

const BLOCK_BYTES = 64 * 1024;

/** The bytes of the file `identity` at `size`: the same every time, different per identity. */
export function simulatedFileBytes(identity: string, size: number): Readable {
  // One block made from the identity, each copy stamped with its index: a lost, repeated or
  // reordered block changes the hash.
  const block = Buffer.alloc(BLOCK_BYTES);
  for (let offset = 0, seed = createHash('sha256').update(identity).digest(); offset < BLOCK_BYTES; offset += seed.length) {
    seed.copy(block, offset);
    seed = createHash('sha256').update(seed).digest();
  }
  let sent = 0;
  return new Readable({
    highWaterMark: BLOCK_BYTES,
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const chunk = Buffer.from(block.subarray(0, Math.min(BLOCK_BYTES, size - sent)));
      if (chunk.length >= 4) chunk.writeUInt32BE((sent / BLOCK_BYTES) >>> 0, 0);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

/** How a simulator's file URLs misbehave on demand (each proves the gateway's download handles it). */
export type FileFault =
  /** The file answers this status instead (404: gone from storage; 410: deleted). */
  | { kind: 'status'; status: 404 | 410 }
  /** The answer declares the whole file, and the socket is destroyed after `bytes` of its body. */
  | { kind: 'cutAfter'; bytes: number }
  /** A 302 to `location` (S3 and CDNs redirect; a download must never follow one off its origins). */
  | { kind: 'redirect'; location: string };

/** A simulator's switch for file faults: for the next `times` file requests, or until cleared. */
export class FileFaults {
  private fault: FileFault | undefined;
  private remaining = 0;

  inject(fault: FileFault, times = Infinity): void {
    this.fault = fault;
    this.remaining = times;
  }

  clear(): void {
    this.fault = undefined;
  }

  /** The fault for this file request, if one is due. */
  take(): FileFault | undefined {
    if (!this.fault || this.remaining <= 0) return undefined;
    this.remaining -= 1;
    return this.fault;
  }
}

export interface SimulatedFile {
  identity: string;
  size: number;
  contentType: string;
}

/** Answers a file URL: the file's bytes with its type and length, or the fault that is due. */
export async function serveFile(response: ServerResponse, file: SimulatedFile, faults: FileFaults): Promise<void> {
  const fault = faults.take();
  if (fault?.kind === 'status') throw new SimulatorHttpError(fault.status, fault.status === 410 ? 'The file was deleted' : 'The file cannot be found');
  if (fault?.kind === 'redirect') {
    response.writeHead(302, { location: fault.location, 'content-length': 0 }).end();
    return;
  }
  response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.size });
  const body = simulatedFileBytes(file.identity, fault ? Math.min(fault.bytes, file.size) : file.size);
  if (fault) {
    // Each chunk flushed before the next, so the cut falls exactly after `bytes`.
    for await (const chunk of body as AsyncIterable<Buffer>) {
      await new Promise<void>((flushed) => response.write(chunk, () => flushed()));
    }
    response.socket?.destroy();
    return;
  }
  try {
    await pipeline(body, response);
  } catch {
    // The client hung up mid-file; nothing is left to answer.
  }
}
