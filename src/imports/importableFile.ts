import type { Readable } from 'node:stream';
import type { UpstreamName } from '../errors';

/**
 * A file one of the vendors holds, found for an asset import (docs/assets.md#imports): what it
 * is, and how to read its bytes. Found while the mutation runs, with the caller's credentials
 * (a fresh signed URL for an ACC photo); read later by the import's job, from the URL the vendor
 * itself returned, never from one a client gave.
 */
export interface ImportableFile {
  /** Which vendor holds the file. */
  upstream: UpstreamName;
  filename: string;
  contentType: string;
  /** Bytes, when the vendor says before the download starts; else the download's Content-Length, if any. */
  size: number | null;
  /** Starts the download; `signal` aborts it (a cancelled job, a stopping gateway). */
  open(signal: AbortSignal): Promise<Download>;
}

/** A download under way: its bytes as they arrive. */
export interface Download {
  body: Readable;
  /** The answer's Content-Length, when it has one. */
  size: number | null;
}
