import type { Resolvers } from '../../generated/resolvers';
import { isPhotoImportable } from '../../imports/sources/photoSource';
import { AccProjectRef, DeletedAccPhoto } from '../../upstream/acc/refs';
import { checkPageSize } from '../relay/pageSize';
import { toGlobalId } from '../relay/globalId';
import { toAccFilter, toAccSort } from './filterInput';
import { instantField, isAccPhoto, locationOf, mediaTypeOf, signedUrlsExpiry, sourceOf } from './photoFields';
import { fetchPhotoPage } from './photoPage';

export const photoResolvers: Resolvers = {
  Query: {
    photo: (_root, { projectId, id }, { loaders }) => loaders.photo.load({ projectId, photoId: id }),
    project: (_root, { id }) => new AccProjectRef(id),
  },

  PhotoLookup: {
    __resolveType: (lookup) => (lookup instanceof DeletedAccPhoto ? 'DeletedPhoto' : 'Photo'),
  },

  Project: {
    __isTypeOf: (value) => value instanceof AccProjectRef,
    id: ({ projectId }) => toGlobalId('Project', projectId),
    projectId: ({ projectId }) => projectId,
    photos: ({ projectId }, { filter, sort, first, after }, { upstreams, scope, accToken }) => {
      const token = accToken.require();
      return fetchPhotoPage((body) => upstreams.acc.filterPhotos(scope, token, projectId, body), {
        projectId,
        filter: toAccFilter(filter),
        sort: toAccSort(sort),
        first: checkPageSize('first', first ?? 25),
        after,
      });
    },
  },

  PhotoConnection: {
    nodes: ({ edges }) => edges.map((edge) => edge.node),
  },

  Photo: {
    __isTypeOf: isAccPhoto,
    id: (photo) => toGlobalId('Photo', photo.projectId, photo.id),
    photoId: (photo) => photo.id,
    project: (photo) => new AccProjectRef(photo.projectId),
    mediaType: mediaTypeOf,
    source: sourceOf,
    location: locationOf,
    takenAt: instantField((photo) => photo.takenAt),
    userCreatedAt: instantField((photo) => photo.userCreatedAt),
    createdAt: instantField((photo) => photo.createdAt),
    updatedAt: instantField((photo) => photo.updatedAt),
    deletedAt: instantField((photo) => photo.deletedAt),
    apiUrls: (photo) => photo.urls ?? null,
    importable: (photo, _args, { downloads }) => isPhotoImportable(photo, downloads),
  },

  SignedMediaUrls: {
    expiresAt: signedUrlsExpiry,
  },

  DeletedPhoto: {
    __isTypeOf: (value) => value instanceof DeletedAccPhoto,
    id: (deleted) => toGlobalId('Photo', deleted.projectId, deleted.photoId),
    project: (deleted) => new AccProjectRef(deleted.projectId),
  },
};
