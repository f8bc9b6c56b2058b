"use client";

import { createContext, useContext } from "react";
import type { CurrentUserFragment } from "../../lib/graphql/generated/graphql";

export type TUser = CurrentUserFragment;

export const CurrentUserContext = createContext<TUser | null>(null);

export function useCurrentUser(): TUser {
  const user = useContext(CurrentUserContext);
  if (user === null) throw new Error("useCurrentUser is only available inside the signed-in layout");
  return user;
}
