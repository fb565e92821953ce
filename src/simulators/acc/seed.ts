import { ACC_MEDIA_SOURCES } from '../../upstream/acc/model';
import type { AccMediaType, AccPhoto } from '../../upstream/acc/model';
import { formatAccTime } from './store';

/** Ids and the token the demo data is known by (README examples and tests use them). */
export const DEMO = {
  token: 'demo-token',
  projectIds: [
    '0f4c6e2a-7b1d-4e8f-9a3c-5d2e1f0a9b01',
    '0f4c6e2a-7b1d-4e8f-9a3c-5d2e1f0a9b02',
    '0f4c6e2a-7b1d-4e8f-9a3c-5d2e1f0a9b03',
  ],
  /** ACC's own documentation example: a live photo in the first project. */
  livePhotoId: '5439bfb7-8006-4388-a454-f02560f99566',
  /** A photo a user deleted, in the first project. */
  deletedPhotoId: 'd3f1e5a0-9c1b-4a7e-8f20-6b5c4d3e2f10',
} as const;

const PHOTOS_PER_PROJECT = [240, 150, 60];
const AUTHORS = ['PER8KQPK2JRT', 'NCSNR6R5NHUD', '5QCVQ6JAUTHB', 'X7HW2LDQ9MZA', 'K3RTJ8VB4PNE'];
const AREAS = ['Level 1', 'Level 2', 'Level 3', 'Basement', 'Roof', 'Lobby', 'Parking deck', 'Office'];
const SPOTS = ['east stair core', 'north corridor', 'dry wall', 'curtain wall', 'MEP riser', 'slab edge', 'elevator pit', 'fire stopping', 'ceiling grid', 'facade anchors'];
const NOTES = ['before close-in', 'after inspection', 'punch list item', 'progress', 'damage report', 'as-built check'];
// One city per project: San Francisco, New York, London.
const SITES = [
  { latitude: 37.757497, longitude: -122.42115 },
  { latitude: 40.712776, longitude: -74.005974 },
  { latitude: 51.507351, longitude: -0.127758 },
];
// Every media type in every project; ordinary photos the most common, as on a real site.
const MEDIA_CYCLE: AccMediaType[] = ['NORMAL', 'NORMAL', 'INFRARED', 'NORMAL', 'PHOTOSPHERE', 'NORMAL', 'VIDEO', 'NORMAL'];
const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** mulberry32: a tiny seeded PRNG, so the demo data is the same on every start. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 450 media over three projects, uploaded through 2025. Each was taken on site (if the camera
 * said when), then added to the project on a device, then uploaded: takenAt < userCreatedAt <
 * createdAt. About 8% are deleted.
 */
export function seedDemoPhotos(): AccPhoto[] {
  const random = seededRandom(20250105);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };

  const photos: AccPhoto[] = [];
  DEMO.projectIds.forEach((projectId, projectIndex) => {
    const site = SITES[projectIndex]!;
    let createdAt = Date.UTC(2025, 0, 5, 8, 0, 0);
    let takenAt: number | undefined;
    for (let index = 0; index < PHOTOS_PER_PROJECT[projectIndex]!; index += 1) {
      // Every seventh media is a burst shot, taken and uploaded in the same second as the one
      // before, so sorting on either time has ties to break.
      if (index === 0 || index % 7 !== 0) {
        if (index > 0) createdAt += between(12 * HOUR, 60 * HOUR);
        takenAt = random() < 0.1 ? undefined : createdAt - between(10 * 60 * SECOND, 48 * HOUR);
      }
      const mediaType = MEDIA_CYCLE[index % MEDIA_CYCLE.length]!;
      const hasLocation = random() > 0.12;
      const photo: AccPhoto = {
        id: uuid(),
        projectId,
        mediaType,
        type: ACC_MEDIA_SOURCES[index % ACC_MEDIA_SOURCES.length],
        title: `${pick(AREAS)} ${pick(SPOTS)}`,
        description: `${pick(NOTES)}, ${pick(AREAS).toLowerCase()}`,
        createdAt: formatAccTime(createdAt),
        createdBy: pick(AUTHORS),
        takenAt: takenAt === undefined ? undefined : formatAccTime(takenAt),
        // Within the ten minutes before upload, so always after takenAt.
        userCreatedAt: formatAccTime(createdAt - between(SECOND, 10 * 60 * SECOND)),
        updatedAt: formatAccTime(createdAt + between(0, 24 * HOUR)),
        updatedBy: pick(AUTHORS),
        isPublic: random() < 0.3,
        locked: random() < 0.1,
        latitude: hasLocation ? Number((site.latitude + (random() - 0.5) / 500).toFixed(6)) : undefined,
        longitude: hasLocation ? Number((site.longitude + (random() - 0.5) / 500).toFixed(6)) : undefined,
        // Photos up to ~8 MB, videos from 20 MB: every video is bigger than every photo.
        size: mediaType === 'VIDEO' ? between(20e6, 2e9) : between(1e5, 8e6),
      };
      if (random() < 0.08) {
        photo.deletedAt = formatAccTime(createdAt + between(HOUR, 30 * 24 * HOUR));
        photo.deletedBy = pick(AUTHORS);
      }
      photos.push(photo);
    }
  });

  const [first, second] = photos as [AccPhoto, AccPhoto];
  Object.assign(first, {
    id: DEMO.livePhotoId,
    mediaType: 'NORMAL',
    type: 'FIELD-REPORT',
    title: 'Office Dry Wall',
    description: 'The left side of the office',
    deletedAt: undefined,
    deletedBy: undefined,
  });
  Object.assign(second, { id: DEMO.deletedPhotoId, deletedAt: formatAccTime(Date.UTC(2025, 1, 2, 11, 50, 33)), deletedBy: 'PER8KQPK2JRT' });
  return photos;
}
