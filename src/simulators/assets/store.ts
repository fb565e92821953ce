import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import type { AssetVisibility, CompanyAsset } from '../../upstream/assets/model';

export interface StoredAsset {
  asset: CompanyAsset;
  visibility: AssetVisibility;
  contentType: string;
  size: number;
  /** SHA-256 of the bytes as received: tests compare it with what the client sent. */
  sha256: string;
  lastModified: Date;
  file: string;
}

/**
 * The simulator's assets: bytes on disk in a temp folder, metadata in memory. An upload is
 * written to a partial file and only becomes an asset when its request completed; an aborted
 * one leaves nothing behind.
 */
export class AssetStore {
  private readonly assets = new Map<string, StoredAsset>();

  private constructor(readonly directory: string) {}

  static async create(): Promise<AssetStore> {
    return new AssetStore(await mkdtemp(path.join(tmpdir(), 'mediagraph-assets-')));
  }

  get(key: string): StoredAsset | undefined {
    return this.assets.get(key);
  }

  get size(): number {
    return this.assets.size;
  }

  /** Writes `content` to a partial file; `commit` turns it into an asset, `discard` removes it. */
  async receive(content: Readable): Promise<{ commit(meta: NewAsset): Promise<StoredAsset>; discard(): Promise<void> }> {
    const partial = path.join(this.directory, `.partial-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(content, hashing, createWriteStream(partial));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return {
      commit: async (meta) => {
        const key = `ast_${randomBytes(10).toString('hex')}`;
        const file = path.join(this.directory, key);
        await rename(partial, file);
        return this.put(key, file, (await stat(file)).size, hash.digest('hex'), meta);
      },
      discard: () => rm(partial, { force: true }),
    };
  }

  /** An asset whose bytes are already in a file of this store's folder (demo data). */
  put(key: string, file: string, size: number, sha256: string, meta: NewAsset): StoredAsset {
    const now = Date.now();
    const url = `${meta.origin}/api/v1/partner/asset/${key}`;
    const image = meta.contentType.startsWith('image/');
    const stored: StoredAsset = {
      asset: {
        id: randomUUID(),
        companyId: 'company-demo',
        created: now,
        modified: now,
        deleted: false,
        updated: false,
        name: meta.name,
        key,
        type: image ? 'IMAGE' : meta.contentType.startsWith('video/') ? 'VIDEO' : 'DOCUMENT',
        publicURL: meta.visibility === 'public' ? url : null,
        active: true,
        priority: 0,
        secured: meta.visibility === 'private',
        thumbURL: image ? `${url}?size=thumb` : null,
        mediumURL: image ? `${url}?size=medium` : null,
        largeURL: image ? `${url}?size=large` : null,
        largeX2URL: image ? `${url}?size=largeX2` : null,
        origURL: url,
        platformFileUrl: url,
      },
      visibility: meta.visibility,
      contentType: meta.contentType,
      size,
      sha256,
      lastModified: new Date(Math.floor(now / 1000) * 1000),
      file,
    };
    this.assets.set(key, stored);
    return stored;
  }

  async destroy(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true });
  }
}

export interface NewAsset {
  name: string;
  visibility: AssetVisibility;
  contentType: string;
  /** The simulator's origin, for the asset's URLs. */
  origin: string;
}
