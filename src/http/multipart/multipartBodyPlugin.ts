import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { multipartBodyOf } from './multipartBody';

/**
 * A multipart body can turn out malformed after its files were handed to resolvers (a bad part
 * after them, a file the map names but the body lacks, one file too many). Such a request is
 * answered as the refusal it is: HTTP 4xx with the body's error first, never a 200 with field
 * errors. Whatever data the operation produced anyway stays in the answer, so nothing done is
 * hidden. Before answering, the files GraphQL did not read are dropped and the body read to its end.
 */
export const multipartBodyPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart({ request }) {
    const body = multipartBodyOf(request.http?.body);
    if (!body) return;
    return {
      async willSendResponse({ response }) {
        body.discardUnread();
        const failure = await body.outcome;
        if (!failure) return;
        response.http.status = failure.status;
        const result = response.body.kind === 'single' ? response.body.singleResult : {};
        response.body = { kind: 'single', singleResult: { ...result, errors: [...failure.responseBody().errors, ...(result.errors ?? [])] } };
      },
    };
  },
};
