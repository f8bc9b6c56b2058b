"use client";

import { ActorName } from "../../actor-name";
import { AttributeTable } from "../../attribute-table";
import { isNotFoundError, LoadErrorCard, LoadingLine } from "../../load-states";
import { ProductImages } from "../../product-images";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "../../../../lib/format";
import { errorMessage, graphqlRequest } from "../../../../lib/graphql-client";
import {
  ApproveVariantDocument,
  ClaimReviewItemDocument,
  EditAndApproveVariantDocument,
  RejectVariantDocument,
  ReleaseReviewItemDocument,
  ReviewItemViewDocument,
  VariantHistoryDocument,
} from "../../../../lib/graphql/generated/graphql";
import type {
  ReviewClaimFieldsFragment,
  ReviewItemViewQuery,
  TRejectReasonCode,
} from "../../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../../lib/i18n/translate";
import { can } from "../../../../lib/roles";
import { useGraphQLQuery } from "../../../../lib/use-graphql-query";
import { useShortcuts } from "../../../../lib/use-shortcuts";
import { ClaimText } from "../../claim-text";
import { useCurrentUser } from "../../current-user";
import { useToast } from "../../toast";
import { DiffView } from "../diff-view";
import { FindingText } from "../finding-text";
import { FindingCard } from "../finding-card";
import { ClaimBadge, RejectDialog, ShortcutHelp } from "../review-widgets";

type TVariant = NonNullable<ReviewItemViewQuery["variant"]>;

function History({ productId, currentId }: { productId: string; currentId: string }) {
  const { t, locale } = useI18n();
  const history = useGraphQLQuery(VariantHistoryDocument, { productId });
  const data = history.data?.variantHistory;
  if (data === undefined || data === null)
    return <p className="muted">{history.error ? errorMessage(history.error) : t("common.loading")}</p>;
  const decisionsByVariant = new Map<string, typeof data.decisions>();
  for (const decision of data.decisions) {
    const list = decisionsByVariant.get(decision.variantId) ?? [];
    list.push(decision);
    decisionsByVariant.set(decision.variantId, list);
  }
  return (
    <ol className="history" data-testid="variant-history">
      {data.variants.map((variant) => (
        <li key={variant.id} className={variant.id === currentId ? "current" : undefined}>
          <div className="history-head">
            <span className="chip">{enumLabel(t, "variant.field", variant.field)}</span>
            <span className="chip">{variant.locale}</span>
            <strong>{variant.generator ?? enumLabel(t, "variant.origin", variant.origin)}</strong>
            <span className={`status-pill st-${variant.status.toLowerCase()}`}>
              {enumLabel(t, "variant.status", variant.status)}
            </span>
            <span className="muted small">{formatDateTime(variant.createdAt, locale)}</span>
            {variant.id !== currentId && (
              <Link className="small" href={`/review/${encodeURIComponent(variant.id)}`}>
                {t("review.open")}
              </Link>
            )}
          </div>
          <p className="history-text small">{variant.text}</p>
          {(decisionsByVariant.get(variant.id) ?? []).map((decision) => (
            <p key={decision.id} className="small muted history-decision" data-testid="history-decision">
              {formatDateTime(decision.createdAt, locale)} ·{" "}
              <ActorName actor={decision.actor} kind={decision.actor?.kind ?? "user"} id={decision.actorId} /> ·{" "}
              {enumLabel(t, "review.action", decision.action)}: {enumLabel(t, "variant.status", decision.fromStatus)} →{" "}
              {enumLabel(t, "variant.status", decision.toStatus)}
              {decision.reasonCode !== null ? ` · ${enumLabel(t, "review.reasonCode", decision.reasonCode)}` : ""}
              {decision.comment !== null ? ` · “${decision.comment}”` : ""}
              {decision.undoneAt !== null ? ` · ${t("review.undoneTag")}` : ""}
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}

function ItemBody({ variant, onChanged }: { variant: TVariant; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const toast = useToast();
  const router = useRouter();
  const searchParams = useSearchParams();
  const canDecide = can(user.role, "review:decide");
  const canEdit = can(user.role, "variants:edit");
  const canFeedback = can(user.role, "findings:feedback");
  const pending = variant.status === "PENDING_REVIEW";
  const [claim, setClaim] = useState<ReviewClaimFieldsFragment | null>(null);
  const [claimError, setClaimError] = useState<string | null>(null);
  const [editing, setEditing] = useState(searchParams.get("edit") === "1" && canDecide && pending);
  const [draft, setDraft] = useState(variant.text);
  const [rejecting, setRejecting] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [activeFinding, setActiveFinding] = useState<string | null>(null);
  const editorRef = useRef<HTMLTextAreaElement>(null);
  // One key per edit, so a retried save (a lost answer) cannot create a second child.
  const idempotencyKey = useRef(crypto.randomUUID());

  // A moderator who opens a pending item holds it (a lease) so nobody else decides it meanwhile;
  // leaving the page gives it back.
  useEffect(() => {
    if (!canDecide || !pending) return;
    let released = false;
    graphqlRequest(ClaimReviewItemDocument, { variantId: variant.id })
      .then((data) => {
        if (!released) setClaim(data.claimReviewItem.claim ?? null);
      })
      .catch((caught: unknown) => setClaimError(errorMessage(caught)));
    return () => {
      released = true;
      void graphqlRequest(ReleaseReviewItemDocument, { variantId: variant.id }).catch(() => undefined);
    };
  }, [variant.id, canDecide, pending]);

  useEffect(() => {
    if (editing) editorRef.current?.focus();
  }, [editing]);

  async function decide(
    run: () => Promise<{ batchId?: string | null; undoExpiresAt?: string | null }>,
    message: string,
  ) {
    setBusy(true);
    try {
      const outcome = await run();
      toast({ message });
      void outcome;
      setEditing(false);
      onChanged();
      router.push("/review");
    } catch (caught) {
      toast({ message: errorMessage(caught), tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  const approve = () =>
    decide(
      async () => (await graphqlRequest(ApproveVariantDocument, { variantId: variant.id })).approveVariant,
      t("review.approvedOne", { sku: variant.product.sku }),
    );
  const saveEdit = () =>
    decide(
      async () =>
        (
          await graphqlRequest(EditAndApproveVariantDocument, {
            variantId: variant.id,
            text: draft,
            idempotencyKey: idempotencyKey.current,
          })
        ).editAndApproveVariant,
      t("review.editedOne", { sku: variant.product.sku }),
    );
  async function reject(reasonCode: TRejectReasonCode, comment: string | null): Promise<void> {
    await graphqlRequest(RejectVariantDocument, { variantId: variant.id, reasonCode, comment });
    setRejecting(false);
    toast({ message: t("review.rejectedOne", { sku: variant.product.sku }) });
    onChanged();
    router.push("/review");
  }

  const decideEnabled = canDecide && pending && !busy;
  // The API refuses to approve a text the linter blocked as written: it has to be edited first.
  const blocked = variant.verdict === "BLOCK";
  useShortcuts({
    a: () => decideEnabled && !editing && !blocked && void approve(),
    e: () => decideEnabled && setEditing(true),
    r: () => decideEnabled && setRejecting(true),
    "?": () => setHelpOpen(true),
  });

  const product = variant.product;
  const findings = variant.findings;
  const noPermission = t("common.noPermission", { role: enumLabel(t, "role", user.role) });

  return (
    <article
      className="review-item"
      data-testid="review-item"
      data-variant-id={variant.id}
      data-status={variant.status}
    >
      <nav className="breadcrumb" aria-label={t("product.breadcrumb")}>
        <Link href="/review">{t("nav.review")}</Link> <span aria-hidden="true">/</span>{" "}
        <span className="mono">{product.sku}</span>
      </nav>
      <header className="product-head">
        <h1 data-testid="item-title">{product.title}</h1>
        <dl className="facts">
          <div>
            <dt>{t("product.merchant")}</dt>
            <dd>{product.merchant.name}</dd>
          </div>
          <div>
            <dt>{t("review.fieldLocale")}</dt>
            <dd>
              {enumLabel(t, "variant.field", variant.field)} · {variant.locale}
            </dd>
          </div>
          <div>
            <dt>{t("review.source")}</dt>
            <dd>{variant.generator ?? enumLabel(t, "variant.origin", variant.origin)}</dd>
          </div>
          <div>
            <dt>{t("review.status")}</dt>
            <dd data-testid="item-status">{enumLabel(t, "variant.status", variant.status)}</dd>
          </div>
          <div>
            <dt>{t("review.verdict")}</dt>
            <dd>{variant.verdict === null ? "—" : enumLabel(t, "review.verdictName", variant.verdict)}</dd>
          </div>
          <div>
            <dt>{t("review.created")}</dt>
            <dd>{formatDateTime(variant.createdAt, locale)}</dd>
          </div>
        </dl>
        <div className="claim-line">
          <ClaimBadge claim={claim === null ? null : { mine: claim.mine, holder: claim.holder ?? null }} />
          {claimError !== null && (
            <span className="error-text small" role="status">
              {claimError}
            </span>
          )}
        </div>
      </header>

      <div className="action-bar" role="toolbar" aria-label={t("review.actions")}>
        <button
          type="button"
          className="button primary"
          data-testid="approve"
          disabled={!decideEnabled || editing || blocked}
          title={canDecide ? undefined : noPermission}
          onClick={() => void approve()}
        >
          {t("review.approve")} <kbd>a</kbd>
        </button>
        <button
          type="button"
          className="button"
          data-testid="edit"
          disabled={!decideEnabled || editing}
          title={canDecide ? undefined : noPermission}
          onClick={() => setEditing(true)}
        >
          {t("review.edit")} <kbd>e</kbd>
        </button>
        <button
          type="button"
          className="button danger"
          data-testid="reject"
          disabled={!decideEnabled}
          title={canDecide ? undefined : noPermission}
          onClick={() => setRejecting(true)}
        >
          {t("review.reject")} <kbd>r</kbd>
        </button>
        <button
          type="button"
          className="button ghost small"
          aria-label={t("review.shortcuts")}
          onClick={() => setHelpOpen(true)}
        >
          <kbd>?</kbd>
        </button>
        {!canDecide && (
          <span className="muted small" data-testid="no-permission">
            {noPermission}
          </span>
        )}
        {canDecide && !pending && <span className="muted small">{t("review.notPending")}</span>}
        {canDecide && pending && blocked && (
          <span className="small blocked-note" data-testid="blocked-note">
            {t("review.blockedNote")}
          </span>
        )}
      </div>

      <div className="detail-grid">
        <div className="detail-main">
          {editing && (
            <section className="card" aria-labelledby="edit-heading">
              <h2 id="edit-heading">{t("review.editTitle")}</h2>
              <label className="field">
                <span className="visually-hidden">{t("review.editTitle")}</span>
                <textarea
                  ref={editorRef}
                  data-testid="edit-text"
                  className="edit-text"
                  rows={6}
                  value={draft}
                  lang={variant.locale}
                  onChange={(event) => setDraft(event.target.value)}
                />
              </label>
              <div className="dialog-actions">
                <button type="button" className="button ghost" onClick={() => setEditing(false)}>
                  {t("common.cancel")}
                </button>
                <button
                  type="button"
                  className="button primary"
                  data-testid="save-edit"
                  disabled={busy || draft.trim() === "" || draft === variant.text}
                  onClick={() => void saveEdit()}
                >
                  {t("review.saveAndApprove")}
                </button>
              </div>
            </section>
          )}

          <section className="card" aria-labelledby="copy-heading">
            <h2 id="copy-heading">
              {t("review.copy")}{" "}
              <span className="muted small">({t("review.findingCount", { count: findings.length })})</span>
            </h2>
            <div lang={variant.locale}>
              <FindingText
                text={variant.text}
                findings={findings}
                activeId={activeFinding}
                onActivate={setActiveFinding}
              />
            </div>
            {variant.lintedAt === null && <p className="muted small">{t("review.notLinted")}</p>}
          </section>

          {variant.claims != null && (
            <section className="card" aria-labelledby="claims-heading" data-testid="item-claims">
              <h2 id="claims-heading">
                {t("review.claimsTitle")} <span className="muted small">({variant.claims.length})</span>
              </h2>
              <ClaimText text={variant.text} claims={variant.claims} locale={variant.locale} />
              {variant.blockReasons != null && variant.blockReasons.length > 0 && (
                <>
                  <h3 className="small">{t("review.blockReasons")}</h3>
                  <ul className="small" data-testid="item-block-reasons">
                    {variant.blockReasons.map((r, i) => (
                      <li key={i}>
                        <code>{r.code}</code> {r.detail} {r.text && <q>{r.text}</q>}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          )}

          {variant.diff !== null && variant.diff !== undefined && (
            <section className="card" aria-labelledby="diff-heading">
              <h2 id="diff-heading">
                {t("review.diffTitle", {
                  base:
                    variant.diff.base === null || variant.diff.base === undefined
                      ? "—"
                      : enumLabel(t, "variant.origin", variant.diff.base.origin),
                })}
              </h2>
              <p className="muted small">
                {t("review.diffStats", {
                  inserted: variant.diff.insertedTokens,
                  deleted: variant.diff.deletedTokens,
                  mode: variant.diff.mode === "jieba" ? t("review.diffJieba") : t("review.diffWords"),
                })}
              </p>
              <div lang={variant.locale}>
                <DiffView ops={variant.diff.ops.map((op) => ({ op: op.op.toLowerCase(), text: op.text }))} />
              </div>
            </section>
          )}

          {findings.length > 0 && (
            <section className="card" aria-labelledby="findings-heading">
              <h2 id="findings-heading">{t("review.findings")}</h2>
              <ul className="finding-list">
                {findings.map((finding) => (
                  <FindingCard
                    key={finding.id}
                    finding={finding}
                    active={finding.id === activeFinding}
                    canFeedback={canFeedback}
                    canEdit={canEdit && pending}
                    onActivate={() => setActiveFinding(finding.id)}
                    onApplied={(id) => router.push(`/review/${encodeURIComponent(id)}`)}
                  />
                ))}
              </ul>
            </section>
          )}

          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t("review.history")}</h2>
            <History productId={product.id} currentId={variant.id} />
          </section>
        </div>

        <aside className="detail-side" aria-label={t("review.evidence")}>
          <section className="card" data-testid="evidence">
            <h2>{t("review.evidence")}</h2>
            <h3>{t("product.attributes")}</h3>
            <AttributeTable attributes={product.attributes} />
            <h3>
              {t("product.reviews")} <span className="muted">({product.reviewCount})</span>
            </h3>
            {product.reviews.length === 0 ? (
              <p className="muted">{t("product.noReviews")}</p>
            ) : (
              <ul className="quotes">
                {product.reviews.map((review) => (
                  <li key={review.id}>
                    <blockquote>{review.text}</blockquote>
                    <span className="muted small">
                      {review.author ?? t("product.anonymous")}
                      {review.rating !== null ? ` · ${review.rating}/5` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <h3>{t("product.images")}</h3>
            <ProductImages
              productId={product.id}
              images={product.productImages}
              title={product.title}
              canUpload={false}
              onChanged={onChanged}
            />
            <p className="small">
              <Link href={`/products/${encodeURIComponent(product.id)}`}>{t("review.productPage")}</Link>
            </p>
          </section>
        </aside>
      </div>

      <RejectDialog open={rejecting} onClose={() => setRejecting(false)} onSubmit={reject} />
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </article>
  );
}

export function ReviewItemView({ id }: { id: string }) {
  const { t } = useI18n();
  const query = useGraphQLQuery(ReviewItemViewDocument, { id });
  if (query.data?.variant === null || isNotFoundError(query.error)) {
    return (
      <div className="card">
        <h1>{t("review.notFound")}</h1>
        <Link href="/review">{t("review.backToQueue")}</Link>
      </div>
    );
  }
  if (query.data?.variant == null) {
    if (query.error !== undefined) return <LoadErrorCard error={query.error} onRetry={query.refetch} />;
    return <LoadingLine />;
  }
  return <ItemBody variant={query.data.variant} onChanged={query.refetch} />;
}
