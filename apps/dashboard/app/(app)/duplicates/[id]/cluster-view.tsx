"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatPrice } from "../../../../lib/format";
import { errorMessage, graphqlRequest, GraphQLRequestError } from "../../../../lib/graphql-client";
import {
  DuplicateClusterDocument,
  KeepDuplicateCanonicalDocument,
  MarkDuplicatesDistinctDocument,
} from "../../../../lib/graphql/generated/graphql";
import type { DuplicateClusterQuery } from "../../../../lib/graphql/generated/graphql";
import { highlightRuns } from "../../../../lib/highlight";
import { useI18n } from "../../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../../lib/i18n/translate";
import { can } from "../../../../lib/roles";
import { useGraphQLQuery } from "../../../../lib/use-graphql-query";
import { useCurrentUser } from "../../current-user";
import { useToast } from "../../toast";
import "../../analysis-views.css";

type TCluster = NonNullable<DuplicateClusterQuery["duplicateCluster"]>;
type TMember = TCluster["members"][number];
type TSpan = { id: string; start: number; end: number };

/** Merchant text with the passages it shares with the canonical member marked (as text, never markup). */
function SharedText({ text, spans, testId }: { text: string; spans: TSpan[]; testId: string }) {
  const { t } = useI18n();
  return (
    <span data-testid={testId}>
      {highlightRuns(text, spans).map((run) =>
        run.spans.length > 0 ? (
          <mark key={run.start} className="shared-passage" data-testid="shared-passage" title={t("duplicates.shared")}>
            {run.text}
          </mark>
        ) : (
          <span key={run.start}>{run.text}</span>
        ),
      )}
    </span>
  );
}

function spansOf(member: TMember, members: readonly TMember[], field: string): TSpan[] {
  if (!member.canonical)
    return member.passages
      .filter((p) => p.field === field)
      .map((p, i) => ({ id: `${field}-${i}`, start: p.start, end: p.end }));
  // The canonical member: every passage any other member shares with it.
  return members.flatMap((other, m) =>
    other.passages
      .filter((p) => p.field === field)
      .map((p, i) => ({ id: `${field}-${m}-${i}`, start: p.canonicalStart, end: p.canonicalEnd })),
  );
}

function MemberColumn({
  member,
  members,
  mayDecide,
  busy,
  distinct,
  onToggleDistinct,
  onKeep,
}: {
  member: TMember;
  members: readonly TMember[];
  mayDecide: boolean;
  busy: boolean;
  distinct: boolean;
  onToggleDistinct: (checked: boolean) => void;
  onKeep: () => void;
}) {
  const { t, locale } = useI18n();
  const p = member.product;
  const shared = member.passages.reduce((n, passage) => n + (passage.end - passage.start), 0);
  return (
    <section
      className={`card cluster-member${member.canonical ? " is-canonical" : ""}`}
      data-testid="cluster-member"
      data-product-id={p.id}
      data-canonical={member.canonical}
      aria-label={p.title}
    >
      <div className="member-head">
        {member.canonical ? (
          <span className="chip canonical-chip">{t("duplicates.canonicalTag")}</span>
        ) : (
          <span className="chip small">{t("duplicates.similarity", { score: member.score.toFixed(2) })}</span>
        )}
        {!member.canonical && shared > 0 && (
          <span className="muted small">{t("duplicates.sharedChars", { count: shared })}</span>
        )}
      </div>
      <h2 className="member-title">
        <SharedText text={p.title} spans={spansOf(member, members, "title")} testId="member-title" />
      </h2>
      <p className="muted small">
        <Link href={`/products/${encodeURIComponent(p.id)}`} className="mono">
          {p.sku}
        </Link>{" "}
        · {p.merchant.name}
        {p.category !== null ? ` · ${p.category}` : ""} · {formatPrice(p.price, p.currency, locale)}
      </p>
      <p className="member-description">
        <SharedText text={p.description} spans={spansOf(member, members, "description")} testId="member-description" />
      </p>
      {mayDecide && (
        <div className="member-actions">
          <button type="button" className="button small" data-testid="keep-canonical" disabled={busy} onClick={onKeep}>
            {member.canonical ? t("duplicates.confirmCanonical") : t("duplicates.makeCanonical")}
          </button>
          {!member.canonical && (
            <label className="checkbox small">
              <input
                type="checkbox"
                data-testid="mark-distinct-check"
                checked={distinct}
                disabled={busy}
                onChange={(event) => onToggleDistinct(event.target.checked)}
              />{" "}
              {t("duplicates.distinctCheck")}
            </label>
          )}
        </div>
      )}
    </section>
  );
}

export function ClusterView({ id }: { id: string }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const toast = useToast();
  const router = useRouter();
  const query = useGraphQLQuery(DuplicateClusterDocument, { id });
  const [distinct, setDistinct] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const mayDecide = can(user.role, "duplicates:decide");

  async function run(action: () => Promise<string>) {
    setBusy(true);
    try {
      toast({ message: await action() });
      setDistinct([]);
      query.refetch();
    } catch (error) {
      toast({ message: errorMessage(error), tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  const cluster = query.data?.duplicateCluster;
  const missing =
    cluster === null ||
    (query.error instanceof GraphQLRequestError && ["NOT_FOUND", "BAD_USER_INPUT"].includes(query.error.code));
  if (missing) {
    return (
      <div className="card">
        <h1>{t("duplicates.notFound")}</h1>
        <p className="muted">{t("duplicates.notFoundBody")}</p>
        <Link href="/duplicates">{t("duplicates.back")}</Link>
      </div>
    );
  }
  if (cluster === undefined) {
    return query.error !== undefined ? (
      <p className="error-text" role="alert">
        {errorMessage(query.error)}
      </p>
    ) : (
      <p className="muted loading-line">{t("common.loading")}</p>
    );
  }
  return (
    <div className="cluster-page" data-testid="cluster" data-status={cluster.status}>
      <nav className="breadcrumb" aria-label={t("product.breadcrumb")}>
        <Link href="/duplicates">{t("duplicates.title")}</Link> <span aria-hidden="true">/</span>{" "}
        <span className="mono">{cluster.id.slice(0, 8)}</span>
      </nav>
      <div className="page-head">
        <h1>
          {enumLabel(t, "duplicates.kind", cluster.kind)}{" "}
          <span className={`chip ${cluster.status === "OPEN" ? "warn-chip" : ""}`} data-testid="cluster-status">
            {enumLabel(t, "duplicates.status", cluster.status)}
          </span>
        </h1>
      </div>
      <p className="muted">
        {t("duplicates.clusterSummary", {
          count: cluster.memberCount,
          method: enumLabel(t, "duplicates.method", cluster.method),
          score: cluster.score.toFixed(2),
        })}{" "}
        {cluster.canonicalPinned ? t("duplicates.pinned") : ""}
      </p>
      {mayDecide && (
        <div className="card cluster-actions">
          <p className="small muted">{t("duplicates.decideHint")}</p>
          <button
            type="button"
            className="button"
            data-testid="mark-distinct"
            disabled={busy || distinct.length === 0}
            onClick={() =>
              void run(async () => {
                const remaining = await graphqlRequest(MarkDuplicatesDistinctDocument, {
                  clusterId: cluster.id,
                  productIds: distinct,
                });
                // Fewer than two members left: the cluster is gone, back to the list.
                if (!remaining.markDuplicatesDistinct.some((c) => c.id === cluster.id)) router.push("/duplicates");
                return t("duplicates.markedDistinct", { count: distinct.length });
              })
            }
          >
            {t("duplicates.markDistinct", { count: distinct.length })}
          </button>
        </div>
      )}
      <div className="cluster-members" data-testid="cluster-members">
        {cluster.members.map((member) => (
          <MemberColumn
            key={member.product.id}
            member={member}
            members={cluster.members}
            mayDecide={mayDecide}
            busy={busy}
            distinct={distinct.includes(member.product.id)}
            onToggleDistinct={(checked) =>
              setDistinct((current) =>
                checked ? [...current, member.product.id] : current.filter((x) => x !== member.product.id),
              )
            }
            onKeep={() =>
              void run(async () => {
                await graphqlRequest(KeepDuplicateCanonicalDocument, {
                  clusterId: cluster.id,
                  productId: member.product.id,
                });
                return t("duplicates.kept", { sku: member.product.sku });
              })
            }
          />
        ))}
      </div>
      {cluster.memberCount > cluster.members.length && (
        <p className="muted small">
          {t("duplicates.moreMembers", { count: cluster.memberCount - cluster.members.length })}
        </p>
      )}
    </div>
  );
}
