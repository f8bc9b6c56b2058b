"use client";

import { formatDateTime, formatPercent } from "../../../lib/format";
import type { JobRunFieldsFragment, TJobStatus } from "../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../lib/i18n/i18n-provider";

export type TJobRun = JobRunFieldsFragment;

export function JobStatusBadge({ status }: { status: TJobStatus }) {
  const { t } = useI18n();
  return (
    <span className={`status-badge status-${status.toLowerCase()}`} data-status={status}>
      {t(`jobStatus.${status}`)}
    </span>
  );
}

export function JobRunItem({ job }: { job: TJobRun }) {
  const { t, locale } = useI18n();
  const done = job.processed + job.failed;
  const percent = formatPercent(job.progress);
  return (
    <div className="job-run" data-testid="job-run" data-job-id={job.id} data-status={job.status}>
      <div className="job-run-head">
        <span className="job-name" title={`${job.queue} · ${job.id}`}>
          {job.name}
        </span>
        <JobStatusBadge status={job.status} />
      </div>
      <div className="job-run-bar">
        <progress
          data-testid="job-progress"
          data-progress={Math.round(Math.min(1, Math.max(0, job.progress)) * 100)}
          className={`status-${job.status.toLowerCase()}`}
          value={Math.min(1, Math.max(0, job.progress))}
          max={1}
          aria-label={t("jobs.progressLabel", { name: job.name })}
        />
        <span className="job-percent">{percent}</span>
      </div>
      <div className="job-run-meta muted">
        <span>
          {t("jobs.done", { done, total: job.total })}
          {job.failed > 0 ? ` · ${t("jobs.failedCount", { count: job.failed })}` : ""}
        </span>
        <span>{formatDateTime(job.finishedAt ?? job.startedAt ?? job.createdAt, locale)}</span>
      </div>
      {job.error !== null && job.error !== "" && <p className="error-text small">{job.error}</p>}
    </div>
  );
}
