import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Busboy, FieldInfo, FileInfo } from 'busboy';
import type { FileUpload } from 'graphql-upload-minimal';
import { MultipartError } from './errors';
import { FILE_HIGH_WATER_MARK, HeldFile } from './heldFile';
import { parseOperations, placeUploads } from './operationsMap';
import type { Operations, PendingUpload } from './operationsMap';

export interface MultipartLimits {
  /** Largest file; a larger one fails alone with PAYLOAD_TOO_LARGE. */
  maxFileBytes: number;
  /** Most files (map entries and file parts). */
  maxFiles: number;
  /** Largest `operations` or `map` field: the JSON body limit. */
  maxFieldBytes: number;
}

/** A GraphQL multipart request (the GraphQL multipart request spec) being read. */
export interface MultipartBody {
  /** The GraphQL request with an Upload wherever the map puts a file; rejects with a MultipartError. */
  readonly operations: Promise<Operations>;
  /** Settles when the body was read to its end and found valid (undefined) or refused (why). */
  readonly outcome: Promise<MultipartError | undefined>;
  /** GraphQL is done with the files: what nobody read is dropped, so the body can end. */
  discardUnread(): void;
}

const readingBodies = new WeakMap<object, MultipartBody>();

/** The multipart body a GraphQL request (`req.body`, Apollo's `request.http.body`) came from. */
export function multipartBodyOf(body: unknown): MultipartBody | undefined {
  return typeof body === 'object' && body !== null ? readingBodies.get(body) : undefined;
}

/**
 * Reads a multipart request with busboy, on a plain node request and response. This reader owns
 * every event busboy, its file streams, the request and the response can emit, for the whole
 * life of the request: the first failure settles it (later ones are ignored, never unhandled),
 * fails every file not yet delivered whole, stops the parser and drains the rest of the body,
 * so every path ends and nothing is left listening.
 */
export function readMultipartBody(req: IncomingMessage, res: ServerResponse, limits: MultipartLimits): MultipartBody {
  return new MultipartReader(req, res, limits);
}

class MultipartReader implements MultipartBody {
  readonly operations: Promise<Operations>;
  readonly outcome: Promise<MultipartError | undefined>;
  private resolveOperations!: (operations: Operations) => void;
  private rejectOperations!: (error: MultipartError) => void;
  private settle!: (failure: MultipartError | undefined) => void;
  private settled = false;
  private discarding = false;
  private parsedOperations: Operations | undefined;
  private uploads: Map<string, PendingUpload> | undefined;
  private readonly files = new Map<string, HeldFile>();
  /** Files a resolver has awaited (see noticeAwait). */
  private readonly awaited = new Set<string>();
  private readonly parser: Busboy | undefined;

  constructor(
    private readonly req: IncomingMessage,
    res: ServerResponse,
    private readonly limits: MultipartLimits,
  ) {
    this.operations = new Promise((resolve, reject) => {
      this.resolveOperations = resolve;
      this.rejectOperations = reject;
    });
    this.operations.catch(() => undefined); // the adapter answers it; nothing else may be left unhandled
    this.outcome = new Promise((resolve) => (this.settle = resolve));

    try {
      this.parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        fileHwm: FILE_HIGH_WATER_MARK,
        limits: {
          fieldSize: limits.maxFieldBytes,
          fields: 2, // operations and map
          files: limits.maxFiles,
          fileSize: limits.maxFileBytes,
          // busboy counts a part once it ended: the limit itself is reached by a full valid body.
          parts: limits.maxFiles + 3,
        },
      });
    } catch (error) {
      this.fail(MultipartError.malformed(`The multipart Content-Type is not usable: ${(error as Error).message}.`));
      return;
    }
    const parser = this.parser;
    parser.on('field', (name, value, info) => this.onField(name, value, info));
    parser.on('file', (name, stream, info) => this.onFile(name, stream, info));
    parser.on('fieldsLimit', () => this.fail(MultipartError.malformed(`Only the 'operations' and 'map' fields may come before the files, once each.`)));
    parser.on('filesLimit', () => this.fail(MultipartError.tooLarge(`The body has more than ${limits.maxFiles} files.`)));
    parser.on('partsLimit', () => this.fail(MultipartError.tooLarge(`The body has more parts than 'operations', 'map' and ${limits.maxFiles} files.`)));
    // busboy may emit several errors for one body (a bad part header, then "Unexpected end of form").
    parser.on('error', (error: Error) => this.fail(MultipartError.malformed(`Malformed multipart body: ${error.message}.`)));
    parser.on('finish', () => this.onBodyEnd());
    req.on('close', () => {
      if (!req.complete) this.fail(MultipartError.malformed('The request ended before its multipart body did.'));
    });
    // However the response ends (answered, refused, connection gone), nobody reads files after it.
    res.on('close', () => this.discardUnread());
    req.pipe(parser);
  }

  discardUnread(): void {
    this.discarding = true;
    for (const file of this.files.values()) file.discard();
  }

  private onField(name: string, value: string, info: FieldInfo): void {
    if (this.settled) return;
    if (info.valueTruncated) {
      return this.fail(MultipartError.tooLarge(`A multipart field is over the ${this.limits.maxFieldBytes}-byte limit.`));
    }
    try {
      if (!this.parsedOperations) {
        if (name !== 'operations') throw MultipartError.malformed(`The first part must be the 'operations' field.`);
        this.parsedOperations = parseOperations(value);
      } else {
        if (name !== 'map') throw MultipartError.malformed(`The 'map' field must follow 'operations'.`);
        this.uploads = placeUploads(this.parsedOperations, value, this.limits.maxFiles);
        for (const [field, upload] of this.uploads) this.noticeAwait(field, upload);
        readingBodies.set(this.parsedOperations, this);
        this.resolveOperations(this.parsedOperations);
      }
    } catch (error) {
      this.fail(error as MultipartError);
    }
  }

  private onFile(name: string, stream: Readable, info: FileInfo): void {
    const upload = this.uploads?.get(name);
    // busboy types the filename as always there; a part typed application/octet-stream has none.
    const filename: string | undefined = info.filename;
    if (this.settled || !upload || this.files.has(name) || !filename) {
      stream.on('error', () => undefined).resume();
      this.fail(MultipartError.malformed(this.fileRefusal(name)));
      return;
    }
    const part = { fieldName: name, filename, mimetype: info.mimeType, encoding: info.encoding };
    const file = new HeldFile(stream, part, this.limits.maxFileBytes, (stalled) => this.onStall(stalled));
    this.files.set(name, file);
    upload.resolve(file.upload());
    if (this.discarding) file.discard();
  }

  /**
   * A file nobody has taken is full, so the body stops until someone reads it. Its reader may be
   * a resolver that only starts when an earlier one is done (GraphQL runs mutation fields one
   * after the other), and that one waits for its file's end: holding the ends any longer would
   * wait forever, so the files that arrived are let end now. Resolvers that were about to take
   * the file have had their turn by the next macrotask.
   */
  private onStall(file: HeldFile): void {
    setImmediate(() => {
      if (this.settled || !file.stalled) return;
      for (const held of this.files.values()) held.release();
      this.refuseIfDeadlocked();
    });
  }

  /**
   * Marks a file as awaited once a resolver awaits its Upload (the Upload scalar hands resolvers
   * `upload.promise`): then the reader can tell a stalled body that someone is about to read
   * from one nobody can, below.
   */
  private noticeAwait(field: string, upload: PendingUpload): void {
    const promise = upload.promise;
    const awaited: PromiseLike<FileUpload> = {
      then: (onFulfilled, onRejected) => {
        this.awaited.add(field);
        setImmediate(() => this.refuseIfDeadlocked());
        return promise.then(onFulfilled, onRejected);
      },
    };
    upload.promise = awaited as Promise<FileUpload>;
  }

  /**
   * A resolver waits for a file that has not arrived, while an earlier file part nobody reads
   * fills the buffers: the body cannot go on, so the request would hang until its timeout. That
   * happens when the operation reads its files in another order than the body sends them (two
   * mutation fields run one after the other, the second one's file first): refuse it now.
   */
  private refuseIfDeadlocked(): void {
    if (this.settled) return;
    const stalled = [...this.files.values()].find((file) => file.stalled);
    const waiting = [...this.awaited].find((field) => !this.files.has(field));
    if (!stalled || waiting === undefined) return;
    this.fail(
      MultipartError.malformed(
        `The operation reads file '${waiting}' while the earlier file part '${stalled.part.fieldName}' waits to be read: send the files in the order the operation reads them.`,
      ),
    );
  }

  private fileRefusal(name: string): string {
    if (!this.uploads) return `Files must follow the 'operations' and 'map' fields.`;
    if (!this.uploads.has(name)) return 'The body has a file part the map does not name.';
    if (this.files.has(name)) return 'The body has the same file part twice.';
    return 'A file part has no filename.';
  }

  private onBodyEnd(): void {
    if (this.settled) return;
    if (!this.parsedOperations) return this.fail(MultipartError.malformed(`The body has no 'operations' field.`));
    if (!this.uploads) return this.fail(MultipartError.malformed(`The body has no 'map' field.`));
    const missing = [...this.uploads.keys()].filter((name) => !this.files.has(name)).length;
    if (missing) return this.fail(MultipartError.malformed(`The map names ${missing} file(s) the body does not have.`));
    this.settled = true;
    for (const file of this.files.values()) file.release();
    this.settle(undefined);
  }

  private fail(error: MultipartError): void {
    if (this.settled) return;
    this.settled = true;
    this.rejectOperations(error);
    const forReader = error.forReader();
    for (const [name, upload] of this.uploads ?? []) if (!this.files.has(name)) upload.reject(forReader);
    for (const file of this.files.values()) file.fail(forReader);
    this.settle(error);
    if (this.parser) {
      this.req.unpipe(this.parser);
      this.parser.destroy();
    }
    // Drain what the client still sends, so the answer reaches it and the connection can be
    // reused. Later: a pipe write in progress may pause the request after this returns.
    setImmediate(() => this.req.resume());
  }
}
