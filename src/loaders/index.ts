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

export function createLoaders(
  upstreams: Upstreams,
  scope: UpstreamScope,
  accToken: AccToken,
  onBatch: BatchObserver,
  options: LoaderOptions = {},
): Loaders {
  return {
    photo: createPhotoLoader(upstreams.acc, scope, () => accToken.require(), (size) => onBatch('photo', size), options),
    materials: createMaterialsLoader(upstreams.materials, scope, (size) => onBatch('materials', size), options),
    downloadOrder: createDownloadOrderLoader(upstreams.contentHub, scope, (size) => onBatch('downloadOrder', size), options),
  };
}

export type { LoaderOptions } from './loaderOptions';
