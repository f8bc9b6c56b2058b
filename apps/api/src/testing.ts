import { createLogger } from "@truecopy/config";
import { loadEnv } from "./env.js";
import { startApiServer, type TApiServer } from "./server.js";

/** The API in-process for integration tests, on a free port and the queues named by `prefix`. */
export function startTestApi(prefix: string, env: Record<string, string> = {}): Promise<TApiServer> {
  return startApiServer(
    loadEnv({ API_PORT: "0", TRUECOPY_QUEUE_PREFIX: prefix, LOG_LEVEL: "error", ...env }),
    createLogger("test", "error"),
  );
}

export type TGqlResponse = {
  data?: any;
  errors?: { message: string; extensions?: { code?: string; details?: any } }[];
};

/** POSTs one GraphQL operation; `headers` carry the caller's key or session cookie. */
export async function postGraphql(
  api: TApiServer,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<TGqlResponse & { headers: Headers }> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await res.json()) as TGqlResponse), headers: res.headers };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** The `extensions.code` of the first error, if any. */
export const codeOf = (r: TGqlResponse) => r.errors?.[0]?.extensions?.code;
