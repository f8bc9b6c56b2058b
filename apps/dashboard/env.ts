// The one place the dashboard reads its environment. Values are read at request time, never inlined
// at build time, so one build can be pointed at any API.

export type TDashboardEnv = {
  /** Base URL of the GraphQL API, without the `/graphql` path. */
  apiUrl: string;
  isDevelopment: boolean;
};

const DEFAULT_API_URL = "http://127.0.0.1:4000";

function parseApiUrl(raw: string | undefined): string {
  const value = raw === undefined || raw.trim() === "" ? DEFAULT_API_URL : raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`API_URL must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`API_URL must use http or https, got ${JSON.stringify(value)}`);
  }
  return url.toString().replace(/\/+$/, "");
}

let cached: TDashboardEnv | undefined;

export function dashboardEnv(): TDashboardEnv {
  cached ??= {
    apiUrl: parseApiUrl(process.env.API_URL),
    isDevelopment: process.env.NODE_ENV === "development",
  };
  return cached;
}
