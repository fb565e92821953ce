/**
 * An asset as the store can tell it by key: `GET /{assetKey}` answers the bytes and nothing
 * else, so the key is all an asset knows on every path (the resolver parent of Asset). Asset's
 * deprecated record fields read properties a ref does not have, so they answer null everywhere.
 */
export class AssetRef {
  constructor(readonly key: string) {}
}
