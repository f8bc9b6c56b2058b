import { gql } from "../../lib/graphql-client";
import type { TUser } from "../../lib/graphql-types";

export const MeQuery = gql<{ me: TUser | null }>(`
  query Me {
    me { id email name role merchantId }
  }
`);

export const LogoutMutation = gql<{ logout: boolean }>(`
  mutation Logout {
    logout
  }
`);
