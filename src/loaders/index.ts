import type DataLoader from 'dataloader';
import type { AccToken } from '../auth/accToken';
import type { Upstreams } from '../upstream';
import type { UpstreamScope } from '../upstream/http/callLog';
import type { MaterialsQuery, MaterialsResponse } from '../upstream/materials/model';
import type { FetchedDownloadOrder } from '../upstream/contentHub/client';
import { createDownloadOrderLoader } from './downloadOrderLoader';
import type { LoaderOptions } from './loaderOptions';
import { createMaterialsLoader } from './materialsLoader';
import { createPhotoLoader } from './photoLoader';
import type { PhotoKey, PhotoLookup } from './photoLoader';

/** Per-request DataLoaders: they batch and dedupe within one operation and die with it. */
export interface Loaders {
  photo: DataLoader<PhotoKey, PhotoLookup, string>;
  materials: DataLoader<MaterialsQuery, MaterialsResponse, string>;
  downloadOrder: DataLoader<string, FetchedDownloadOrder>;
}

/** Told the size of every batch a loader sends (a metric). */
export type BatchObserver = (loader: keyof Loaders, size: number) => void;

/**
 * A request's loaders, each made on first use: most operations touch one vendor, so the others'
 * loaders (and their batch observers) are never made at all.
 */
export function createLoaders(
  upstreams: Upstreams,
  scope: UpstreamScope,
  accToken: AccToken,
  onBatch: BatchObserver,
  options: LoaderOptions = {},
): Loaders {
  return new LazyLoaders(upstreams, scope, accToken, onBatch, options);
}

class LazyLoaders implements Loaders {
  private photoLoader: Loaders['photo'] | undefined;
  private materialsLoader: Loaders['materials'] | undefined;
  private downloadOrderLoader: Loaders['downloadOrder'] | undefined;

  constructor(
    private readonly upstreams: Upstreams,
    private readonly scope: UpstreamScope,
    private readonly accToken: AccToken,
    private readonly onBatch: BatchObserver,
    private readonly options: LoaderOptions,
  ) {}

  get photo(): Loaders['photo'] {
    return (this.photoLoader ??= createPhotoLoader(this.upstreams.acc, this.scope, () => this.accToken.require(), (size) => this.onBatch('photo', size), this.options));
  }

  get materials(): Loaders['materials'] {
    return (this.materialsLoader ??= createMaterialsLoader(this.upstreams.materials, this.scope, (size) => this.onBatch('materials', size), this.options));
  }

  get downloadOrder(): Loaders['downloadOrder'] {
    return (this.downloadOrderLoader ??= createDownloadOrderLoader(this.upstreams.contentHub, this.scope, (size) => this.onBatch('downloadOrder', size), this.options));
  }
}

export type { LoaderOptions } from './loaderOptions';
