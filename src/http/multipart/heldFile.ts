import type { ReadStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import type { FileUpload } from 'graphql-upload-minimal';
import { GatewayError } from '../../errors';

/**
 * The buffer of each stream a file passes through on its way in (busboy's file stream and the
 * held content): a few of the socket's 64 KiB chunks, so each hop moves large batches instead of
 * pausing the body after every chunk (16 KiB, Node's default, is less than one chunk). Bounded,
 * so a file is never held: three of these per file (busboy's stream, both sides of the held
 * content), times UPLOAD_MAX_FILES.
 */
export const FILE_HIGH_WATER_MARK = 256 * 1024;

export interface FilePart {
  fieldName: string;
  filename: string;
  mimetype: string;
  encoding: string;
}

/**
 * One file of a multipart request on its way to its resolver. The bytes flow through as they
 * arrive (never buffered beyond the streams' high-water marks), but the end of the file is held
 * back until the whole body has been read and found valid: the reader (the vendor upload) only
 * completes, and the vendor only makes an asset, once nothing later in the body can turn the
 * request down. A refused body fails every file not yet ended instead.
 */
export class HeldFile {
  private readonly content = new PassThrough({ highWaterMark: FILE_HIGH_WATER_MARK });
  private failure: Error | undefined;
  private taken = false;
  private arrived = false;
  private ended = false;
  /** Failed or discarded: its remaining bytes go nowhere. */
  private dropped = false;

  constructor(
    private readonly source: Readable,
    readonly part: FilePart,
    maxBytes: number,
    /** Called when this file is full and nobody took it yet: the body cannot go on without a reader. */
    onStall: (file: HeldFile) => void,
  ) {
    // The request's answer reports why a file failed; its reader learns it from its own read.
    this.content.on('error', () => undefined);
    // busboy fails its file streams when the parser is destroyed; the parser reports that too.
    source.on('error', () => undefined);
    source.on('limit', () => this.fail(new GatewayError('PAYLOAD_TOO_LARGE', `The file "${part.filename}" is over the ${maxBytes}-byte upload limit.`)));
    source.once('end', () => (this.arrived = true));
    source.pipe(this.content, { end: false });
    // After pipe's own listener, which has just written the chunk (and paused on a full buffer).
    source.on('data', () => {
      if (this.stalled) onStall(this);
    });
  }

  /** What the Upload scalar hands to resolvers. */
  upload(): FileUpload {
    return {
      ...this.part,
      createReadStream: () => {
        if (this.failure) throw this.failure;
        this.taken = true;
        return this.content as unknown as ReadStream;
      },
    };
  }

  /** Still full with nobody reading it. */
  get stalled(): boolean {
    return !this.taken && !this.dropped && this.content.writableNeedDrain;
  }

  /** Every byte is with its reader (or buffered for it); only the end is held. */
  get held(): boolean {
    return this.arrived && !this.ended && !this.dropped;
  }

  /** Lets the file end: the body was valid, or holding it would stall the body. */
  release(): void {
    if (!this.held) return;
    this.ended = true;
    this.content.end();
  }

  /** The file will never be complete: its reader gets `error`, the rest of its bytes are dropped. */
  fail(error: Error): void {
    if (this.dropped || this.ended) return;
    this.failure = error;
    this.content.destroy(error);
    this.drop();
  }

  /** Nobody reads this file any more (the GraphQL work is done): its bytes are dropped. */
  discard(): void {
    if (this.dropped) return;
    this.content.destroy();
    this.drop();
  }

  private drop(): void {
    this.dropped = true;
    this.source.unpipe(this.content);
    this.source.resume();
  }
}
