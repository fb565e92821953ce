import { fromGlobalId, toGlobalId } from '../../src/graphql/relay/globalId';
import { signedUrlExpiry } from '../../src/upstream/acc/signedUrl';
import { parseVendorInstant } from '../../src/upstream/time';

describe('global IDs', () => {
  it('round-trip type and keys, opaquely', () => {
    const id = toGlobalId('Photo', 'project-1', 'photo:2/3');
    expect(id).not.toContain('photo');
    expect(fromGlobalId(id)).toEqual({ type: 'Photo', keys: ['project-1', 'photo:2/3'] });
  });

  it.each([
    ['not base64 JSON', 'nope'],
    ['an unknown type', Buffer.from('["Invoice","1"]').toString('base64url')],
    ['the wrong number of keys', Buffer.from('["Photo","1"]').toString('base64url')],
    ['an empty key', Buffer.from('["Project",""]').toString('base64url')],
    ['an inherited property as type', Buffer.from('["constructor","1"]').toString('base64url')],
    ['not a list', Buffer.from('{"type":"Project"}').toString('base64url')],
  ])('refuses %s with BAD_USER_INPUT', (_what, id) => {
    expect(() => fromGlobalId(id)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

describe('signedUrlExpiry', () => {
  it('adds X-Amz-Expires to X-Amz-Date', () => {
    expect(signedUrlExpiry('https://s3.example/x?X-Amz-Date=20210324T193346Z&X-Amz-Expires=60')).toEqual(
      new Date('2021-03-24T19:34:46Z'),
    );
  });

  it.each([
    'https://s3.example/x',
    'https://s3.example/x?X-Amz-Date=2021&X-Amz-Expires=60',
    'https://s3.example/x?X-Amz-Date=20211324T193346Z&X-Amz-Expires=60',
    'https://s3.example/x?X-Amz-Date=20210324T193346Z&X-Amz-Expires=-60',
    'https://s3.example/x?Not-X-Amz-Date=20210324T193346Z&X-Amz-Expires=60',
    'not a url',
  ])(
    'is null when %s does not say',
    (url) => {
      expect(signedUrlExpiry(url)).toBeNull();
    },
  );
});

describe('parseVendorInstant', () => {
  it('reads zone-less vendor times as UTC and keeps explicit offsets', () => {
    expect(parseVendorInstant('acc', '2021-03-14T10:20:33').toISOString()).toBe('2021-03-14T10:20:33.000Z');
    expect(parseVendorInstant('acc', '2021-03-14T10:20:33+02:00').toISOString()).toBe('2021-03-14T08:20:33.000Z');
  });

  it('turns garbage into UPSTREAM_BAD_RESPONSE', () => {
    expect(() => parseVendorInstant('acc', 'yesterday')).toThrow(expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }));
  });
});
