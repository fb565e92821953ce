import type { Dispatcher } from 'undici';
import type { UpstreamScope } from '../http/callLog';
import { ServiceTokenClient } from '../http/serviceTokenClient';
import { ASSET_UPLOAD_FIELDS, assetPaths, companyAssetSchema } from './model';
import type { AssetVisibility, CompanyAsset } from './model';
import { multipartBody } from './multipartBody';
import type { MultipartFile } from './multipartBody';

export interface AssetUpload {
  name: string;
  visibility: AssetVisibility;
  file: Omit<MultipartFile, 'field'>;
}

/** The partner asset store, called with the gateway's service token. Uploads never retry. */
export class AssetsClient extends ServiceTokenClient {
  /** Streams the file to the vendor as it arrives and answers the created CompanyAsset. */
  upload(scope: UpstreamScope, upload: AssetUpload): Promise<CompanyAsset> {
    return this.http.requestJson({
      method: 'POST',
      ...assetPaths.upload(upload.visibility),
      headers: this.authorization(),
      body: multipartBody({ [ASSET_UPLOAD_FIELDS.name]: upload.name }, { ...upload.file, field: ASSET_UPLOAD_FIELDS.file }),
      schema: companyAssetSchema,
      scope,
    });
  }

  /**
   * An asset's bytes, still streaming. `credentials: false` asks as an anonymous client would,
   * which only public assets answer; conditional headers pass through for 304s.
   */
  content(
    scope: UpstreamScope,
    assetKey: string,
    options: { credentials: boolean; conditional: Record<string, string> },
  ): Promise<Dispatcher.ResponseData> {
    return this.http.requestStream({
      method: 'GET',
      ...assetPaths.content(assetKey),
      headers: { ...options.conditional, ...(options.credentials ? this.authorization() : {}) },
      scope,
    });
  }
}
