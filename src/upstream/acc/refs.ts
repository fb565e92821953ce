/**
 * ACC things the gateway names but the Photos API never returns as a body of their own.
 * They are the resolver parents of Project and DeletedPhoto (codegen mappers).
 */

/** A project: ACC Photos has no project resource, only photos under a project id. */
export class AccProjectRef {
  constructor(readonly projectId: string) {}
}

/** A media ACC answered 410 Gone for: deleted by a user. */
export class DeletedAccPhoto {
  constructor(
    readonly projectId: string,
    readonly photoId: string,
  ) {}
}
