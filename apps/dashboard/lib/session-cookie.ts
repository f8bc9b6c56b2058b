// Set by the API's `login` mutation (httpOnly); the dashboard only checks that it is present.
export const SESSION_COOKIE = "tc_session";
