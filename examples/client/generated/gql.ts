/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AssetById($id: ID!) {\n  node(id: $id) {\n    id\n    ... on Asset {\n      key\n      contentUrl\n    }\n  }\n}": typeof types.AssetByIdDocument,
    "query AssetByKey($key: ID!) {\n  asset(key: $key) {\n    id\n    key\n    contentUrl\n  }\n}": typeof types.AssetByKeyDocument,
    "subscription AssetImportProgress($id: ID!) {\n  assetImportProgress(id: $id) {\n    ...AssetImportState\n  }\n}": typeof types.AssetImportProgressDocument,
    "fragment AssetImportState on AssetImport {\n  id\n  status\n  filename\n  bytesDone\n  totalBytes\n  asset {\n    id\n    key\n    contentUrl\n  }\n  error {\n    code\n    message\n  }\n}": typeof types.AssetImportStateFragmentDoc,
    "subscription DownloadOrderWatch($id: ID!) {\n  downloadOrderWatch(id: $id) {\n    id\n    orderId\n    status\n  }\n}": typeof types.DownloadOrderWatchDocument,
    "query AssignmentMaterials($orderId: ID!, $assignmentId: ID!, $productType: ProductType!, $visualQuality: VisualQuality, $first: Int, $after: String) {\n  order(id: $orderId) {\n    id\n    assignment(id: $assignmentId) {\n      id\n      materials(\n        productType: $productType\n        visualQuality: $visualQuality\n        first: $first\n        after: $after\n      ) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...MaterialFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n}\n\nfragment MaterialFields on Material {\n  __typename\n  materialId\n  url\n  modifiedAt\n  ... on PhotoMaterial {\n    visualQuality\n    width\n    height\n    file {\n      fileName\n      size\n    }\n  }\n  ... on VideoMaterial {\n    durationSeconds\n    file {\n      fileName\n      size\n    }\n  }\n  ... on ResultLink {\n    label\n  }\n  ... on DocumentMaterial {\n    title\n    pageCount\n    file {\n      fileName\n      contentType\n    }\n  }\n}": typeof types.AssignmentMaterialsDocument,
    "query PhotoById($projectId: ID!, $id: ID!) {\n  photo(projectId: $projectId, id: $id) {\n    ...PhotoLookupFields\n  }\n}\n\nfragment PhotoLookupFields on PhotoLookup {\n  __typename\n  ... on Photo {\n    id\n    photoId\n    title\n    mediaType\n    takenAt\n    signedUrls {\n      thumbnailUrl\n      expiresAt\n    }\n  }\n  ... on DeletedPhoto {\n    id\n    photoId\n  }\n}": typeof types.PhotoByIdDocument,
    "query ProjectPhotos($projectId: ID!, $filter: PhotoFilter, $sort: PhotoSort, $first: Int!, $after: String) {\n  project(id: $projectId) {\n    id\n    photos(filter: $filter, sort: $sort, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          mediaType\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.ProjectPhotosDocument,
    "query ProjectPhotosToPublish($projectId: ID!, $first: Int!, $after: String) {\n  project(id: $projectId) {\n    id\n    photos(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          size\n          importable\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.ProjectPhotosToPublishDocument,
    "mutation PublishPhotos($inputs: [AssetImportInput!]!) {\n  assetImportMany(inputs: $inputs) {\n    assetImports {\n      ...AssetImportState\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}": typeof types.PublishPhotosDocument,
    "mutation UploadAsset($input: AssetUploadInput!) {\n  assetUpload(input: $input) {\n    asset {\n      id\n      key\n      contentUrl\n    }\n    record {\n      name\n      type\n      visibility\n      created\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.UploadAssetDocument,
};
const documents: Documents = {
    "query AssetById($id: ID!) {\n  node(id: $id) {\n    id\n    ... on Asset {\n      key\n      contentUrl\n    }\n  }\n}": types.AssetByIdDocument,
    "query AssetByKey($key: ID!) {\n  asset(key: $key) {\n    id\n    key\n    contentUrl\n  }\n}": types.AssetByKeyDocument,
    "subscription AssetImportProgress($id: ID!) {\n  assetImportProgress(id: $id) {\n    ...AssetImportState\n  }\n}": types.AssetImportProgressDocument,
    "fragment AssetImportState on AssetImport {\n  id\n  status\n  filename\n  bytesDone\n  totalBytes\n  asset {\n    id\n    key\n    contentUrl\n  }\n  error {\n    code\n    message\n  }\n}": types.AssetImportStateFragmentDoc,
    "subscription DownloadOrderWatch($id: ID!) {\n  downloadOrderWatch(id: $id) {\n    id\n    orderId\n    status\n  }\n}": types.DownloadOrderWatchDocument,
    "query AssignmentMaterials($orderId: ID!, $assignmentId: ID!, $productType: ProductType!, $visualQuality: VisualQuality, $first: Int, $after: String) {\n  order(id: $orderId) {\n    id\n    assignment(id: $assignmentId) {\n      id\n      materials(\n        productType: $productType\n        visualQuality: $visualQuality\n        first: $first\n        after: $after\n      ) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...MaterialFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n}\n\nfragment MaterialFields on Material {\n  __typename\n  materialId\n  url\n  modifiedAt\n  ... on PhotoMaterial {\n    visualQuality\n    width\n    height\n    file {\n      fileName\n      size\n    }\n  }\n  ... on VideoMaterial {\n    durationSeconds\n    file {\n      fileName\n      size\n    }\n  }\n  ... on ResultLink {\n    label\n  }\n  ... on DocumentMaterial {\n    title\n    pageCount\n    file {\n      fileName\n      contentType\n    }\n  }\n}": types.AssignmentMaterialsDocument,
    "query PhotoById($projectId: ID!, $id: ID!) {\n  photo(projectId: $projectId, id: $id) {\n    ...PhotoLookupFields\n  }\n}\n\nfragment PhotoLookupFields on PhotoLookup {\n  __typename\n  ... on Photo {\n    id\n    photoId\n    title\n    mediaType\n    takenAt\n    signedUrls {\n      thumbnailUrl\n      expiresAt\n    }\n  }\n  ... on DeletedPhoto {\n    id\n    photoId\n  }\n}": types.PhotoByIdDocument,
    "query ProjectPhotos($projectId: ID!, $filter: PhotoFilter, $sort: PhotoSort, $first: Int!, $after: String) {\n  project(id: $projectId) {\n    id\n    photos(filter: $filter, sort: $sort, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          mediaType\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.ProjectPhotosDocument,
    "query ProjectPhotosToPublish($projectId: ID!, $first: Int!, $after: String) {\n  project(id: $projectId) {\n    id\n    photos(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          size\n          importable\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.ProjectPhotosToPublishDocument,
    "mutation PublishPhotos($inputs: [AssetImportInput!]!) {\n  assetImportMany(inputs: $inputs) {\n    assetImports {\n      ...AssetImportState\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}": types.PublishPhotosDocument,
    "mutation UploadAsset($input: AssetUploadInput!) {\n  assetUpload(input: $input) {\n    asset {\n      id\n      key\n      contentUrl\n    }\n    record {\n      name\n      type\n      visibility\n      created\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.UploadAssetDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AssetById($id: ID!) {\n  node(id: $id) {\n    id\n    ... on Asset {\n      key\n      contentUrl\n    }\n  }\n}"): (typeof documents)["query AssetById($id: ID!) {\n  node(id: $id) {\n    id\n    ... on Asset {\n      key\n      contentUrl\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AssetByKey($key: ID!) {\n  asset(key: $key) {\n    id\n    key\n    contentUrl\n  }\n}"): (typeof documents)["query AssetByKey($key: ID!) {\n  asset(key: $key) {\n    id\n    key\n    contentUrl\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AssetImportProgress($id: ID!) {\n  assetImportProgress(id: $id) {\n    ...AssetImportState\n  }\n}"): (typeof documents)["subscription AssetImportProgress($id: ID!) {\n  assetImportProgress(id: $id) {\n    ...AssetImportState\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AssetImportState on AssetImport {\n  id\n  status\n  filename\n  bytesDone\n  totalBytes\n  asset {\n    id\n    key\n    contentUrl\n  }\n  error {\n    code\n    message\n  }\n}"): (typeof documents)["fragment AssetImportState on AssetImport {\n  id\n  status\n  filename\n  bytesDone\n  totalBytes\n  asset {\n    id\n    key\n    contentUrl\n  }\n  error {\n    code\n    message\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription DownloadOrderWatch($id: ID!) {\n  downloadOrderWatch(id: $id) {\n    id\n    orderId\n    status\n  }\n}"): (typeof documents)["subscription DownloadOrderWatch($id: ID!) {\n  downloadOrderWatch(id: $id) {\n    id\n    orderId\n    status\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AssignmentMaterials($orderId: ID!, $assignmentId: ID!, $productType: ProductType!, $visualQuality: VisualQuality, $first: Int, $after: String) {\n  order(id: $orderId) {\n    id\n    assignment(id: $assignmentId) {\n      id\n      materials(\n        productType: $productType\n        visualQuality: $visualQuality\n        first: $first\n        after: $after\n      ) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...MaterialFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n}\n\nfragment MaterialFields on Material {\n  __typename\n  materialId\n  url\n  modifiedAt\n  ... on PhotoMaterial {\n    visualQuality\n    width\n    height\n    file {\n      fileName\n      size\n    }\n  }\n  ... on VideoMaterial {\n    durationSeconds\n    file {\n      fileName\n      size\n    }\n  }\n  ... on ResultLink {\n    label\n  }\n  ... on DocumentMaterial {\n    title\n    pageCount\n    file {\n      fileName\n      contentType\n    }\n  }\n}"): (typeof documents)["query AssignmentMaterials($orderId: ID!, $assignmentId: ID!, $productType: ProductType!, $visualQuality: VisualQuality, $first: Int, $after: String) {\n  order(id: $orderId) {\n    id\n    assignment(id: $assignmentId) {\n      id\n      materials(\n        productType: $productType\n        visualQuality: $visualQuality\n        first: $first\n        after: $after\n      ) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...MaterialFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n}\n\nfragment MaterialFields on Material {\n  __typename\n  materialId\n  url\n  modifiedAt\n  ... on PhotoMaterial {\n    visualQuality\n    width\n    height\n    file {\n      fileName\n      size\n    }\n  }\n  ... on VideoMaterial {\n    durationSeconds\n    file {\n      fileName\n      size\n    }\n  }\n  ... on ResultLink {\n    label\n  }\n  ... on DocumentMaterial {\n    title\n    pageCount\n    file {\n      fileName\n      contentType\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PhotoById($projectId: ID!, $id: ID!) {\n  photo(projectId: $projectId, id: $id) {\n    ...PhotoLookupFields\n  }\n}\n\nfragment PhotoLookupFields on PhotoLookup {\n  __typename\n  ... on Photo {\n    id\n    photoId\n    title\n    mediaType\n    takenAt\n    signedUrls {\n      thumbnailUrl\n      expiresAt\n    }\n  }\n  ... on DeletedPhoto {\n    id\n    photoId\n  }\n}"): (typeof documents)["query PhotoById($projectId: ID!, $id: ID!) {\n  photo(projectId: $projectId, id: $id) {\n    ...PhotoLookupFields\n  }\n}\n\nfragment PhotoLookupFields on PhotoLookup {\n  __typename\n  ... on Photo {\n    id\n    photoId\n    title\n    mediaType\n    takenAt\n    signedUrls {\n      thumbnailUrl\n      expiresAt\n    }\n  }\n  ... on DeletedPhoto {\n    id\n    photoId\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectPhotos($projectId: ID!, $filter: PhotoFilter, $sort: PhotoSort, $first: Int!, $after: String) {\n  project(id: $projectId) {\n    id\n    photos(filter: $filter, sort: $sort, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          mediaType\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query ProjectPhotos($projectId: ID!, $filter: PhotoFilter, $sort: PhotoSort, $first: Int!, $after: String) {\n  project(id: $projectId) {\n    id\n    photos(filter: $filter, sort: $sort, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          mediaType\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectPhotosToPublish($projectId: ID!, $first: Int!, $after: String) {\n  project(id: $projectId) {\n    id\n    photos(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          size\n          importable\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query ProjectPhotosToPublish($projectId: ID!, $first: Int!, $after: String) {\n  project(id: $projectId) {\n    id\n    photos(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          size\n          importable\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PublishPhotos($inputs: [AssetImportInput!]!) {\n  assetImportMany(inputs: $inputs) {\n    assetImports {\n      ...AssetImportState\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation PublishPhotos($inputs: [AssetImportInput!]!) {\n  assetImportMany(inputs: $inputs) {\n    assetImports {\n      ...AssetImportState\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UploadAsset($input: AssetUploadInput!) {\n  assetUpload(input: $input) {\n    asset {\n      id\n      key\n      contentUrl\n    }\n    record {\n      name\n      type\n      visibility\n      created\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation UploadAsset($input: AssetUploadInput!) {\n  assetUpload(input: $input) {\n    asset {\n      id\n      key\n      contentUrl\n    }\n    record {\n      name\n      type\n      visibility\n      created\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;