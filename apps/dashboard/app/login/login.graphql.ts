import { gql } from "../../lib/graphql-client";
import type { TUser } from "../../lib/graphql-types";

export const LoginMutation = gql<{ login: { user: TUser; expiresAt: string } }, { email: string; password: string }>(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      user { id email name role merchantId }
      expiresAt
    }
  }
`);
