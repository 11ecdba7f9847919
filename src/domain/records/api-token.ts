import type { ApiToken } from '../api-token.ts';
import { asLogged, defineRecordType } from '../record-type.ts';

/** API tokens (never the token itself, only what it allows): kept to the user's organisation, never streamed. */
export const apiTokenRecord = defineRecordType({
  name: 'api_token',
  audience: 'internal',
  schema: null,
  logged: ({ token, ownerOrg }: { token: ApiToken; ownerOrg: string }) => ({
    recordId: token.id,
    ownerOrg,
    releasability: 'org',
    jcc: null,
    data: token,
  }),
  fromLog: asLogged<ApiToken>,
});
