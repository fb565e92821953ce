/** The GraphQL response shape for a request refused as a whole, before or instead of its data. */
export function requestErrorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}
