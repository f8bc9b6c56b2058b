// Browser-side GraphQL over the dashboard's own /api/graphql route (which forwards to the API).

export type TDocument<TData, TVariables> = {
  readonly query: string;
  // Phantom fields: carry the result and variable types with the document text.
  readonly __data?: TData;
  readonly __variables?: TVariables;
};

export function gql<TData, TVariables = Record<string, never>>(query: string): TDocument<TData, TVariables> {
  return { query };
}

type TGraphQLErrorPayload = { message?: unknown; extensions?: { code?: unknown } };

export class GraphQLRequestError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "GraphQLRequestError";
    this.code = code;
  }
}

export const GRAPHQL_ENDPOINT = "/api/graphql";

export async function graphqlRequest<TData, TVariables>(
  document: TDocument<TData, TVariables>,
  variables: TVariables,
  options: { signal?: AbortSignal } = {},
): Promise<TData> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: document.query, variables }),
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new GraphQLRequestError("NETWORK_ERROR", "The dashboard server cannot be reached.");
  }

  let body: { data?: TData | null; errors?: TGraphQLErrorPayload[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphQLRequestError("BAD_RESPONSE", `The API answered ${response.status} without a GraphQL body.`);
  }

  const first = body.errors?.[0];
  if (first !== undefined) {
    const code = typeof first.extensions?.code === "string" ? first.extensions.code : "INTERNAL_SERVER_ERROR";
    const message = typeof first.message === "string" ? first.message : "Request failed.";
    throw new GraphQLRequestError(code, message);
  }
  if (body.data === undefined || body.data === null) {
    throw new GraphQLRequestError("BAD_RESPONSE", `The API answered ${response.status} without data.`);
  }
  return body.data;
}

export function errorMessage(error: unknown): string {
  if (error instanceof GraphQLRequestError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
