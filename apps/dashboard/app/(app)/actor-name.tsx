"use client";

import { useT } from "../../lib/i18n/i18n-provider";
import { enumLabel } from "../../lib/i18n/translate";
import "./analysis-views.css";

export type TActor = { id: string; kind: string; name: string; role: string } | null;

/**
 * Who acted: a user's or API key's name and role; system and CLI events say so; an id whose user
 * or key no longer exists shows its start (the full id on hover).
 */
export function ActorName({ actor, kind, id }: { actor: TActor; kind: string; id: string | null }) {
  const t = useT();
  if (actor !== null) {
    return (
      <span className="actor" data-testid="actor" data-actor-kind={actor.kind} title={actor.id}>
        <span className="actor-name">{actor.name}</span>{" "}
        <span className="chip small">
          {actor.kind === "api_key" ? `${t("actor.apiKey")} · ` : ""}
          {enumLabel(t, "role", actor.role)}
        </span>
      </span>
    );
  }
  if (id === null) {
    return (
      <span className="actor muted" data-testid="actor" data-actor-kind={kind}>
        {kind === "cli" ? t("actor.cli") : t("actor.system")}
      </span>
    );
  }
  return (
    <span className="actor muted" data-testid="actor" data-actor-kind={kind} title={id}>
      {t("actor.deleted")} <span className="mono">{id.slice(0, 8)}…</span>
    </span>
  );
}
