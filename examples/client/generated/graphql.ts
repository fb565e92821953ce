/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * An instant in time, as an RFC 3339 date-time with offset, e.g. `2026-03-14T10:20:33.000Z`.
   * Values from vendors that send times without a zone are read as UTC.
   */
  DateTime: { input: string; output: string; }
  /** Any JSON value, for vendor settings the schema does not model. */
  JSON: { input: unknown; output: unknown; }
  /** An integer that JSON carries exactly: -(2^53-1) to 2^53-1. Used for byte sizes. */
  SafeInt: { input: number; output: number; }
  /** An absolute URL (RFC 3986). */
  URL: { input: string; output: string; }
  /** A file of a GraphQL multipart request (graphql-multipart-request-spec). */
  Upload: { input: File | Blob; output: File | Blob; }
};

export type AssetDownloadInput = {
  /** Content Hub's asset (entity) id. */
  assetId: Scalars['ID']['input'];
  download: DownloadConfigurationInput;
};

export type AssetImportInput = {
  /** Display name; defaults to the file's name. */
  name?: InputMaybe<Scalars['String']['input']>;
  source: AssetImportSource;
  /** PRIVATE (the default) needs the gateway's credentials to read; PUBLIC can be read by anyone. */
  visibility?: AssetVisibility;
};

/**
 * Where an import's file comes from: exactly one of the fields (BAD_USER_INPUT otherwise, as an
 * `INVALID` userError). Never a URL: the gateway downloads only what the vendor itself returns
 * for the object named here.
 */
export type AssetImportSource = {
  /** A completed download order's ZIP, by Content Hub's order id (as `Query.downloadOrder(id:)` takes). Needs the scope `download-orders:read`. */
  downloadOrder?: InputMaybe<Scalars['ID']['input']>;
  /** A material of an assignment. Needs the scope `materials:read`. */
  material?: InputMaybe<MaterialImportSource>;
  /** An ACC photo or video, by its global id (`Photo.id`). Needs `x-acc-token` (or the init payload's) to read it. */
  photo?: InputMaybe<Scalars['ID']['input']>;
};

export type AssetImportSourceKind =
  | 'DOWNLOAD_ORDER'
  | 'MATERIAL'
  | 'PHOTO';

export type AssetImportStatus =
  /** Cancelled with `assetImportCancel` before it ended; no asset was made. */
  | 'CANCELLED'
  /** Ended without an asset: `error` says why. */
  | 'FAILED'
  /** Waiting for a free slot (IMPORT_MAX_RUNNING_PER_CALLER, IMPORT_MAX_RUNNING); imports start in the order they came. */
  | 'QUEUED'
  /** Transferring. */
  | 'RUNNING'
  /** Done: `asset` is the created asset. */
  | 'SUCCEEDED';

export type AssetUploadInput = {
  file: Scalars['Upload']['input'];
  /** Display name; defaults to the file's name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** PRIVATE (the default) needs the gateway's credentials to read; PUBLIC can be read by anyone. */
  visibility?: AssetVisibility;
};

export type AssetVisibility =
  | 'PRIVATE'
  | 'PUBLIC';

export type ConversionStepInput = {
  /** e.g. fileExtension, width, height. */
  type: Scalars['String']['input'];
  /** The step's value, as Content Hub takes it (any JSON). */
  value?: InputMaybe<Scalars['JSON']['input']>;
};

/**
 * A range of instants, inclusive at both ends. Leave `from` or `to` out for a range open on that
 * side; give at least one. `from` equal to `to` selects that exact instant.
 */
export type DateTimeRange = {
  /** Earliest instant included. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Latest instant included. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type DownloadConfigurationInput = {
  /** Conversions, each a list of steps applied in order; at most 20 conversions of at most 20 steps. */
  conversions?: InputMaybe<Array<Array<ConversionStepInput>>>;
  /** Preset names; at most 20. */
  presets?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Rendition names, e.g. ["preview", "original"]; at most 20. */
  renditions?: InputMaybe<Array<Scalars['String']['input']>>;
  userRendition?: InputMaybe<UserRenditionInput>;
};

export type DownloadOrderCreateInput = {
  /** What to download for particular assets, overriding their media group's configuration; at most 100 assets. */
  assets?: InputMaybe<Array<AssetDownloadInput>>;
  /** Culture code, e.g. en-US. */
  culture?: InputMaybe<Scalars['String']['input']>;
  /** Content Hub's item name resolver. */
  itemNameResolverId?: InputMaybe<Scalars['String']['input']>;
  /** What to download for every asset of a media group; at most 100 groups. */
  mediaGroups?: InputMaybe<Array<MediaGroupDownloadInput>>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** The selection pool whose entities the order contains. */
  targetSelection?: InputMaybe<TargetSelectionInput>;
  type?: DownloadOrderType;
  /** The name of the ZIP file. */
  zipFileName?: InputMaybe<Scalars['String']['input']>;
};

/** Where a download order is, normalised from Content Hub's free-text status. */
export type DownloadOrderStatus =
  | 'ARCHIVED'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'CREATED'
  | 'FAILED'
  | 'IN_PROGRESS'
  | 'PENDING'
  /** A status this schema does not know yet: read `statusText`. */
  | 'UNKNOWN';

export type DownloadOrderType =
  | 'CUSTOM'
  | 'STANDARD';

/** A material of an assignment, named as `Assignment.materials` lists it. */
export type MaterialImportSource = {
  assignmentId: Scalars['ID']['input'];
  /** The material's id (`Material.id`'s vendor id, as the materials list answers it). */
  materialId: Scalars['ID']['input'];
  orderId: Scalars['ID']['input'];
  productType: ProductType;
  /** Photo products only: HD (the default) or WEB renditions. */
  visualQuality?: InputMaybe<VisualQuality>;
};

export type MediaGroupDownloadInput = {
  download: DownloadConfigurationInput;
  /** Content Hub's media group id. */
  mediaGroupId: Scalars['ID']['input'];
};

/** Narrows a project's photos. Every field given must match; list fields match any of their values. */
export type PhotoFilter = {
  /** When the media reached the ACC server. */
  createdAt?: InputMaybe<DateTimeRange>;
  /** Autodesk IDs of the users who added the media, at most 100. */
  createdBy?: InputMaybe<Array<Scalars['String']['input']>>;
  /** At most 4, one of each kind. */
  mediaTypes?: InputMaybe<Array<PhotoMediaType>>;
  /** ACC media UUIDs, at most 100. */
  photoIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** When the camera captured the media. */
  takenAt?: InputMaybe<DateTimeRange>;
  /** Matches titles containing this text, as ACC matches it (case-insensitive). */
  title?: InputMaybe<Scalars['String']['input']>;
};

export type PhotoMediaType =
  /** An infrared photo. */
  | 'INFRARED'
  /** An ordinary photo. */
  | 'NORMAL'
  /** A 360° photosphere. */
  | 'PHOTOSPHERE'
  /** A video. */
  | 'VIDEO';

/** How to order a project's photos. */
export type PhotoSort = {
  direction?: SortDirection;
  field: PhotoSortField;
};

export type PhotoSortField =
  | 'CREATED_AT'
  | 'TAKEN_AT';

/** The kind of ACC item a media was first added with. */
export type PhotoSource =
  | 'ASSET'
  | 'FIELD_REPORT'
  | 'FORM'
  | 'GALLERY'
  | 'ISSUE'
  | 'LOGO'
  | 'MARKUP'
  | 'MEETING'
  | 'RFI'
  | 'SUBMITTAL';

/** Every product the vendor sells. */
export type ProductType =
  /** 3D renderings of commercial space. */
  | 'COMMERCIAL_RENDERING'
  /** Virtually staged photos of commercial space. */
  | 'COMMERCIAL_STAGING'
  /** Other documents, such as reports and certificates. */
  | 'DOCUMENTS'
  /** Aerial photography. */
  | 'DRONE_PHOTO'
  /** Aerial video. */
  | 'DRONE_VIDEO'
  /** Floor plans (documents). */
  | 'FLOOR_PLAN'
  /** Ground-level photography. */
  | 'GROUND_PHOTO'
  /** Ground-level photography, premium retouching. */
  | 'GROUND_PHOTO_PRESTIGE'
  /** 3D renderings of homes. */
  | 'RESIDENTIAL_RENDERING'
  /** Virtually staged photos of homes. */
  | 'RESIDENTIAL_STAGING'
  /** Ground-level video. */
  | 'VIDEO'
  /** A 3D virtual tour (a result link). */
  | 'VIRTUAL_TOUR';

/** Order of a sorted list. */
export type SortDirection =
  /** Oldest or smallest first. */
  | 'ASC'
  /** Newest or largest first. */
  | 'DESC';

export type TargetSelectionInput = {
  definitionName?: InputMaybe<Scalars['String']['input']>;
  selectionPool: Scalars['String']['input'];
  subPoolId?: InputMaybe<Scalars['Int']['input']>;
};

/** Why a mutation refused its input. */
export type UserErrorCode =
  /** Your token lacks the scope an asset import's source needs. */
  | 'FORBIDDEN'
  /** An asset import's source existed but has expired or was removed. */
  | 'GONE'
  /** The import has ended and cannot be cancelled. */
  | 'IMPORT_FINISHED'
  /** More of your imports wait than IMPORT_MAX_QUEUED_PER_CALLER allows; try again when some have ended. */
  | 'IMPORT_LIMIT_EXCEEDED'
  /** The input is not acceptable as given. */
  | 'INVALID'
  /** No such object: an asset import's source, or the import to cancel (or it is not yours). */
  | 'NOT_FOUND'
  /** The vendor refused the content (for example its type or size). */
  | 'REJECTED_BY_VENDOR'
  /**
   * Not now: an asset import's source could not be asked (an outage, a timeout, the operation's
   * vendor-call cap), or the import to cancel runs on another replica of the gateway; try again.
   */
  | 'UNAVAILABLE';

export type UserRenditionInput = {
  culture?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  label?: InputMaybe<Scalars['String']['input']>;
};

/** Rendition of photo materials. */
export type VisualQuality =
  /** Full-resolution post-processed photo. */
  | 'HD'
  /** Web-optimised post-processed photo. */
  | 'WEB';

export type AssetByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AssetByIdQuery = { node:
    | { __typename: 'Asset', key: string, contentUrl: string, id: string }
    | { __typename: 'AssetImport', id: string }
    | { __typename: 'Assignment', id: string }
    | { __typename: 'DeletedPhoto', id: string }
    | { __typename: 'DownloadOrder', id: string }
    | { __typename: 'Order', id: string }
    | { __typename: 'Photo', id: string }
    | { __typename: 'Project', id: string }
   | null };

export type AssetByKeyQueryVariables = Exact<{
  key: Scalars['ID']['input'];
}>;


export type AssetByKeyQuery = { asset: { __typename: 'Asset', id: string, key: string, contentUrl: string } | null };

export type AssetImportProgressSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AssetImportProgressSubscription = { assetImportProgress: { __typename: 'AssetImport', id: string, status: AssetImportStatus, filename: string, bytesDone: number, totalBytes: number | null, asset: { __typename: 'Asset', id: string, key: string, contentUrl: string } | null, error: { __typename: 'AssetImportError', code: string, message: string } | null } };

export type AssetImportStateFragment = { __typename: 'AssetImport', id: string, status: AssetImportStatus, filename: string, bytesDone: number, totalBytes: number | null, asset: { __typename: 'Asset', id: string, key: string, contentUrl: string } | null, error: { __typename: 'AssetImportError', code: string, message: string } | null };

export type DownloadOrderWatchSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DownloadOrderWatchSubscription = { downloadOrderWatch: { __typename: 'DownloadOrder', id: string, orderId: string, status: DownloadOrderStatus } };

export type AssignmentMaterialsQueryVariables = Exact<{
  orderId: Scalars['ID']['input'];
  assignmentId: Scalars['ID']['input'];
  productType: ProductType;
  visualQuality?: InputMaybe<VisualQuality>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AssignmentMaterialsQuery = { order: { __typename: 'Order', id: string, assignment: { __typename: 'Assignment', id: string, materials: { __typename: 'MaterialConnection', totalCount: number, edges: Array<{ __typename: 'MaterialEdge', cursor: string, node:
            | { __typename: 'DocumentMaterial', title: string | null, pageCount: number | null, materialId: string, url: string, modifiedAt: string, file: { __typename: 'MaterialFile', fileName: string, contentType: string } }
            | { __typename: 'PhotoMaterial', visualQuality: VisualQuality, width: number | null, height: number | null, materialId: string, url: string, modifiedAt: string, file: { __typename: 'MaterialFile', fileName: string, size: number } }
            | { __typename: 'ResultLink', label: string | null, materialId: string, url: string, modifiedAt: string }
            | { __typename: 'VideoMaterial', durationSeconds: number | null, materialId: string, url: string, modifiedAt: string, file: { __typename: 'MaterialFile', fileName: string, size: number } }
           }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } } | null } | null };

type MaterialFields_DocumentMaterial_Fragment = { __typename: 'DocumentMaterial', title: string | null, pageCount: number | null, materialId: string, url: string, modifiedAt: string, file: { __typename: 'MaterialFile', fileName: string, contentType: string } };

type MaterialFields_PhotoMaterial_Fragment = { __typename: 'PhotoMaterial', visualQuality: VisualQuality, width: number | null, height: number | null, materialId: string, url: string, modifiedAt: string, file: { __typename: 'MaterialFile', fileName: string, size: number } };

type MaterialFields_ResultLink_Fragment = { __typename: 'ResultLink', label: string | null, materialId: string, url: string, modifiedAt: string };

type MaterialFields_VideoMaterial_Fragment = { __typename: 'VideoMaterial', durationSeconds: number | null, materialId: string, url: string, modifiedAt: string, file: { __typename: 'MaterialFile', fileName: string, size: number } };

export type MaterialFieldsFragment =
  | MaterialFields_DocumentMaterial_Fragment
  | MaterialFields_PhotoMaterial_Fragment
  | MaterialFields_ResultLink_Fragment
  | MaterialFields_VideoMaterial_Fragment
;

export type PhotoByIdQueryVariables = Exact<{
  projectId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
}>;


export type PhotoByIdQuery = { photo:
    | { __typename: 'DeletedPhoto', id: string, photoId: string }
    | { __typename: 'Photo', id: string, photoId: string, title: string | null, mediaType: PhotoMediaType, takenAt: string | null, signedUrls: { __typename: 'SignedMediaUrls', thumbnailUrl: string, expiresAt: string | null } | null }
   | null };

type PhotoLookupFields_DeletedPhoto_Fragment = { __typename: 'DeletedPhoto', id: string, photoId: string };

type PhotoLookupFields_Photo_Fragment = { __typename: 'Photo', id: string, photoId: string, title: string | null, mediaType: PhotoMediaType, takenAt: string | null, signedUrls: { __typename: 'SignedMediaUrls', thumbnailUrl: string, expiresAt: string | null } | null };

export type PhotoLookupFieldsFragment =
  | PhotoLookupFields_DeletedPhoto_Fragment
  | PhotoLookupFields_Photo_Fragment
;

export type ProjectPhotosQueryVariables = Exact<{
  projectId: Scalars['ID']['input'];
  filter?: InputMaybe<PhotoFilter>;
  sort?: InputMaybe<PhotoSort>;
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ProjectPhotosQuery = { project: { __typename: 'Project', id: string, photos: { __typename: 'PhotoConnection', edges: Array<{ __typename: 'PhotoEdge', cursor: string, node: { __typename: 'Photo', id: string, title: string | null, mediaType: PhotoMediaType, createdAt: string | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } } | null };

export type ProjectPhotosToPublishQueryVariables = Exact<{
  projectId: Scalars['ID']['input'];
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ProjectPhotosToPublishQuery = { project: { __typename: 'Project', id: string, photos: { __typename: 'PhotoConnection', edges: Array<{ __typename: 'PhotoEdge', cursor: string, node: { __typename: 'Photo', id: string, title: string | null, size: number | null, importable: boolean } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } } | null };

export type PublishPhotosMutationVariables = Exact<{
  inputs: Array<AssetImportInput> | AssetImportInput;
}>;


export type PublishPhotosMutation = { assetImportMany: { __typename: 'AssetImportManyPayload', assetImports: Array<{ __typename: 'AssetImport', id: string, status: AssetImportStatus, filename: string, bytesDone: number, totalBytes: number | null, asset: { __typename: 'Asset', id: string, key: string, contentUrl: string } | null, error: { __typename: 'AssetImportError', code: string, message: string } | null }>, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type UploadAssetMutationVariables = Exact<{
  input: AssetUploadInput;
}>;


export type UploadAssetMutation = { assetUpload: { __typename: 'AssetUploadPayload', asset: { __typename: 'Asset', id: string, key: string, contentUrl: string } | null, record: { __typename: 'AssetUploadRecord', name: string | null, type: string | null, visibility: AssetVisibility | null, created: string | null } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, message: string, code: UserErrorCode }> } };

export const AssetImportStateFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssetImportState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssetImport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"asset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentUrl"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]} as unknown as DocumentNode<AssetImportStateFragment, unknown>;
export const MaterialFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MaterialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Material"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"materialId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhotoMaterial"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visualQuality"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VideoMaterial"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResultLink"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DocumentMaterial"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"pageCount"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<MaterialFieldsFragment, unknown>;
export const PhotoLookupFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhotoLookupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhotoLookup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Photo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"photoId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"mediaType"}},{"kind":"Field","name":{"kind":"Name","value":"takenAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedUrls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeletedPhoto"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"photoId"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<PhotoLookupFieldsFragment, unknown>;
export const AssetByIdDocument = {"__meta__":{"hash":"890f7398b9a890ec570f507dd342ef1cef2c3492af3cd25e2452ce7ddaae4360"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssetById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Asset"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentUrl"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<AssetByIdQuery, AssetByIdQueryVariables>;
export const AssetByKeyDocument = {"__meta__":{"hash":"3faac1680a353c11e23907d7a1cb9500690b5817f6ce010866d7128ad377b604"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssetByKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentUrl"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<AssetByKeyQuery, AssetByKeyQueryVariables>;
export const AssetImportProgressDocument = {"__meta__":{"hash":"405ec1f388b1129801a2df5e4d9302e69b24c201ccf4c3fb46528e0544689983"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AssetImportProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assetImportProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssetImportState"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssetImportState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssetImport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"asset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentUrl"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]} as unknown as DocumentNode<AssetImportProgressSubscription, AssetImportProgressSubscriptionVariables>;
export const DownloadOrderWatchDocument = {"__meta__":{"hash":"9fed236f626f3d98206099f92fd3a159f2ec55091649fa6061b4e77386ec569f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DownloadOrderWatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"downloadOrderWatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<DownloadOrderWatchSubscription, DownloadOrderWatchSubscriptionVariables>;
export const AssignmentMaterialsDocument = {"__meta__":{"hash":"bf0796389cd25079e5fa59b1ee1800b3f9888542e9251d0962a2005275d992c7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssignmentMaterials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"assignmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"productType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"visualQuality"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"VisualQuality"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"assignment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"assignmentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"materials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"productType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"productType"}}},{"kind":"Argument","name":{"kind":"Name","value":"visualQuality"},"value":{"kind":"Variable","name":{"kind":"Name","value":"visualQuality"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MaterialFields"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MaterialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Material"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"materialId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhotoMaterial"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visualQuality"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VideoMaterial"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResultLink"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DocumentMaterial"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"pageCount"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<AssignmentMaterialsQuery, AssignmentMaterialsQueryVariables>;
export const PhotoByIdDocument = {"__meta__":{"hash":"e7aba35fe8edab69b7676fe0e710bd9535307acfbfe61431b3f4cd63a4f3627f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PhotoById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"photo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"projectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhotoLookupFields"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhotoLookupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhotoLookup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Photo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"photoId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"mediaType"}},{"kind":"Field","name":{"kind":"Name","value":"takenAt"}},{"kind":"Field","name":{"kind":"Name","value":"signedUrls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeletedPhoto"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"photoId"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<PhotoByIdQuery, PhotoByIdQueryVariables>;
export const ProjectPhotosDocument = {"__meta__":{"hash":"8f8575b607844739c1e05f3c2f1ab572cb3fc77378f18ed3e238163c1ce77a1c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProjectPhotos"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PhotoFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PhotoSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"photos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"mediaType"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<ProjectPhotosQuery, ProjectPhotosQueryVariables>;
export const ProjectPhotosToPublishDocument = {"__meta__":{"hash":"f5f5d92aab68f00e214d35a3e58d4fc0b4b21c636abea608951abdd0ba1ed687"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProjectPhotosToPublish"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"photos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"importable"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<ProjectPhotosToPublishQuery, ProjectPhotosToPublishQueryVariables>;
export const PublishPhotosDocument = {"__meta__":{"hash":"670ecacf4d0e675f754daaada0e00135e833e6237fae5b2bfa06dc987cdf2535"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishPhotos"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssetImportInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assetImportMany"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"inputs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assetImports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssetImportState"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssetImportState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssetImport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"asset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentUrl"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]} as unknown as DocumentNode<PublishPhotosMutation, PublishPhotosMutationVariables>;
export const UploadAssetDocument = {"__meta__":{"hash":"c7072f4015e81f168f1636363bd0f814ee93beb3ce04f2a2419f24d806468d3f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UploadAsset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssetUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assetUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentUrl"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"record"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<UploadAssetMutation, UploadAssetMutationVariables>;