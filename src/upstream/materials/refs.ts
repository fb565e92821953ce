/**
 * Orders and assignments: the Materials API names them in its path but has no resource for
 * either, so they are handles (the resolver parents of Order and Assignment).
 */
export class OrderRef {
  constructor(readonly orderId: string) {}
}

export class AssignmentRef {
  constructor(
    readonly orderId: string,
    readonly assignmentId: string,
  ) {}
}
