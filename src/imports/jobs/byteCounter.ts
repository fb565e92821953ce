import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { GatewayError } from '../../errors';

/** As many bytes as a socket's chunk: the counter holds at most a few of them. */
const COUNTER_HIGH_WATER_MARK = 64 * 1024;

export function fileTooLarge(maxBytes: number): GatewayError {
  return new GatewayError('PAYLOAD_TOO_LARGE', `The file is larger than the ${maxBytes} bytes an asset may have (UPLOAD_MAX_FILE_BYTES).`);
}

/**
 * Passes a file's bytes through as they are, counting them: an import's progress is what went
 * through here. Past `maxBytes` it fails with PAYLOAD_TOO_LARGE before passing the chunk on, so
 * the download and the store's request are aborted and no asset is made.
 */
export class ByteCounter extends Transform {
  private counted = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly onProgress: (bytes: number, chunkBytes: number) => void,
  ) {
    super({ highWaterMark: COUNTER_HIGH_WATER_MARK });
  }

  get bytes(): number {
    return this.counted;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.counted + chunk.length > this.maxBytes) return callback(fileTooLarge(this.maxBytes));
    this.counted += chunk.length;
    this.onProgress(this.counted, chunk.length);
    callback(null, chunk);
  }
}
