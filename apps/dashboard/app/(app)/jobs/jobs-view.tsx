"use client";

import { useState } from "react";
import type { ReactElement } from "react";
import { formatDateTime, formatNumber, formatPercent } from "../../../lib/format";
import { errorMessage, graphqlRequest } from "../../../lib/graphql-client";
import {
  CancelJobDocument,
  QueuesDocument,
  RetryAllFailedDocument,
  RetryJobDocument,
} from "../../../lib/graphql/generated/graphql";
import type { QueueJobFieldsFragment, QueuesQuery, QueueJobState } from "../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../lib/i18n/i18n-provider";
import type { TMessageKey } from "../../../lib/i18n/messages";
import { can } from "../../../lib/roles";
import { useGraphQLQuery } from "../../../lib/use-graphql-query";
import { useCurrentUser } from "../current-user";
import { JobRunsPanel } from "../products/job-runs-panel";
import { useToast } from "../toast";

const POLL_MS = 2_000;
const JOBS_PER_QUEUE = 10;

type TQueue = QueuesQuery["queues"][number];
type TCountKey = "active" | "waiting" | "delayed" | "prioritized" | "failed" | "completed";

// The order and colours of the stacked bar and its legend.
const SEGMENTS: { key: TCountKey; label: TMessageKey }[] = [
  { key: "active", label: "queue.state.ACTIVE" },
  { key: "waiting", label: "queue.state.WAITING" },
  { key: "prioritized", label: "queue.state.PRIORITIZED" },
  { key: "delayed", label: "queue.state.DELAYED" },
  { key: "failed", label: "queue.state.FAILED" },
  { key: "completed", label: "queue.state.COMPLETED" },
];

const KNOWN_QUEUES = new Set(["analyze", "lint", "webhook"]);

function queueLabelKey(name: string): TMessageKey | null {
  return KNOWN_QUEUES.has(name) ? (`queue.name.${name}` as TMessageKey) : null;
}

function QueueBar({ queue }: { queue: TQueue }) {
  const { t, locale } = useI18n();
  const total = SEGMENTS.reduce((sum, segment) => sum + queue.counts[segment.key], 0);
  return (
    <div className="queue-bar-wrap">
      {/* A picture of the legend below it, which carries the numbers for everyone. SVG attributes
          size the segments, so no inline style is needed under the CSP. */}
      <svg className="queue-bar" viewBox={`0 0 ${Math.max(total, 1)} 1`} preserveAspectRatio="none" aria-hidden="true">
        {
          SEGMENTS.reduce<{ x: number; rects: ReactElement[] }>(
            (acc, segment) => {
              const count = queue.counts[segment.key];
              if (count > 0) {
                acc.rects.push(
                  <rect key={segment.key} className={`seg-${segment.key}`} x={acc.x} y={0} width={count} height={1} />,
                );
              }
              return { x: acc.x + count, rects: acc.rects };
            },
            { x: 0, rects: [] },
          ).rects
        }
      </svg>
      <dl className="queue-legend">
        {SEGMENTS.map((segment) => (
          <div key={segment.key} data-testid={`queue-count-${segment.key}`} data-count={queue.counts[segment.key]}>
            <dt>
              <span className={`legend-dot seg-${segment.key}`} aria-hidden="true" />
              {t(segment.label)}
            </dt>
            <dd>{formatNumber(queue.counts[segment.key], locale)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function JobRow({
  job,
  canManage,
  onChanged,
}: {
  job: QueueJobFieldsFragment;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  async function act(kind: "retry" | "cancel"): Promise<void> {
    setBusy(true);
    try {
      if (kind === "retry") await graphqlRequest(RetryJobDocument, { queue: job.queue, id: job.id });
      else await graphqlRequest(CancelJobDocument, { queue: job.queue, id: job.id });
      toast({ message: t(kind === "retry" ? "queue.retried" : "queue.cancelled", { id: job.id }) });
      onChanged();
    } catch (caught) {
      toast({ message: errorMessage(caught), tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  const cancellable: QueueJobState[] = ["WAITING", "DELAYED", "PRIORITIZED"];
  return (
    <tr data-testid="queue-job" data-job-id={job.id} data-state={job.state}>
      <td className="mono nowrap">{job.id}</td>
      <td>
        <span className={`status-badge state-${job.state.toLowerCase()}`}>{t(`queue.state.${job.state}`)}</span>
      </td>
      <td className="num nowrap">
        {job.attemptsMade} / {job.maxAttempts}
      </td>
      <td>
        <code className="payload" title={job.payloadSummary}>
          {job.payloadSummary}
        </code>
        {/* BullMQ starts every job at 0; a bar appears once the processor reports progress. */}
        {job.state === "ACTIVE" && job.progress !== null && job.progress > 0 && (
          <div className="job-run-bar">
            <progress value={job.progress} max={1} aria-label={t("jobs.progressLabel", { name: job.name })} />
            <span className="job-percent">{formatPercent(job.progress)}</span>
          </div>
        )}
        {job.failedReason !== null && (
          <p className="error-text small job-error" data-testid="queue-job-error">
            {job.failedReason}
          </p>
        )}
      </td>
      <td className="nowrap muted small">
        {job.runAt !== null
          ? t("queue.runAt", { when: formatDateTime(job.runAt, locale) })
          : formatDateTime(job.finishedAt ?? job.processedAt ?? job.createdAt, locale)}
      </td>
      {canManage && (
        <td className="nowrap">
          <div className="row-actions">
            {job.state === "FAILED" && (
              <button
                type="button"
                className="button small"
                data-testid="job-retry"
                disabled={busy}
                aria-label={t("queue.retryJob", { id: job.id })}
                onClick={() => void act("retry")}
              >
                {t("queue.retry")}
              </button>
            )}
            {cancellable.includes(job.state) && (
              <button
                type="button"
                className="button small danger"
                data-testid="job-cancel"
                disabled={busy}
                aria-label={t("queue.cancelJob", { id: job.id })}
                onClick={() => void act("cancel")}
              >
                {t("queue.cancel")}
              </button>
            )}
          </div>
        </td>
      )}
    </tr>
  );
}

function QueueCard({ queue, canManage, onChanged }: { queue: TQueue; canManage: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const labelKey = queueLabelKey(queue.name);
  const headingId = `queue-${queue.name}`;

  async function retryAll(): Promise<void> {
    setBusy(true);
    try {
      const data = await graphqlRequest(RetryAllFailedDocument, { queue: queue.name });
      toast({ message: t("queue.retriedAll", { count: data.retryAllFailed }) });
      onChanged();
    } catch (caught) {
      toast({ message: errorMessage(caught), tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card queue-card" aria-labelledby={headingId} data-testid="queue" data-queue={queue.name}>
      <div className="card-head">
        <h2 id={headingId}>
          <span className="mono">{queue.name}</span>
          {labelKey !== null && <span className="muted queue-desc"> · {t(labelKey)}</span>}
        </h2>
        {queue.paused && <span className="status-badge state-paused">{t("queue.paused")}</span>}
        {canManage && queue.counts.failed > 0 && (
          <button
            type="button"
            className="button small"
            data-testid="queue-retry-all"
            disabled={busy}
            onClick={() => void retryAll()}
          >
            {t("queue.retryAll", { count: queue.counts.failed })}
          </button>
        )}
      </div>
      <QueueBar queue={queue} />
      {queue.jobs.length === 0 ? (
        <p className="muted small">{t("queue.noJobs")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table compact queue-jobs">
            <caption className="visually-hidden">{t("queue.jobsCaption", { name: queue.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("queue.col.id")}</th>
                <th scope="col">{t("queue.col.state")}</th>
                <th scope="col" className="num">
                  {t("queue.col.attempts")}
                </th>
                <th scope="col">{t("queue.col.payload")}</th>
                <th scope="col">{t("queue.col.when")}</th>
                {canManage && <th scope="col">{t("queue.col.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {queue.jobs.map((job) => (
                <JobRow key={job.id} job={job} canManage={canManage} onChanged={onChanged} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function JobsView() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const canManage = can(user.role, "jobs:manage");
  const queues = useGraphQLQuery(QueuesDocument, { first: JOBS_PER_QUEUE }, { pollMs: POLL_MS });
  const noop = () => undefined;

  return (
    <div className="jobs-page">
      <section className="jobs-main">
        <div className="page-head">
          <h1>{t("nav.jobs")}</h1>
          <span className="live-dot" title={t("queue.live")} />
        </div>
        {queues.error !== undefined && (
          <div className="error-text" role="alert">
            {errorMessage(queues.error)}{" "}
            <button type="button" className="button small" onClick={queues.refetch}>
              {t("common.retry")}
            </button>
          </div>
        )}
        {queues.data === undefined && queues.error === undefined && <p className="muted">{t("common.loading")}</p>}
        {queues.data?.queues.map((queue) => (
          <QueueCard key={queue.name} queue={queue} canManage={canManage} onChanged={queues.refetch} />
        ))}
      </section>
      <aside className="jobs-side">
        <JobRunsPanel refreshToken={0} onJobsSettled={noop} />
      </aside>
    </div>
  );
}
