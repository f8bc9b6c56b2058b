import { formatDateTime, formatPercent } from "../../../lib/format";
import type { TJobRun } from "../../../lib/graphql-types";

export function JobStatusBadge({ status }: { status: TJobRun["status"] }) {
  return <span className={`status-badge status-${status.toLowerCase()}`}>{status}</span>;
}

export function JobRunItem({ job }: { job: TJobRun }) {
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
          aria-label={`${job.name} progress`}
        />
        <span className="job-percent">{percent}</span>
      </div>
      <div className="job-run-meta muted">
        <span>
          {done} / {job.total} done{job.failed > 0 ? ` · ${job.failed} failed` : ""}
        </span>
        <span>{formatDateTime(job.finishedAt ?? job.startedAt ?? job.createdAt)}</span>
      </div>
      {job.error !== null && job.error !== "" && <p className="error-text small">{job.error}</p>}
    </div>
  );
}
