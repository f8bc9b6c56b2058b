"use client";

import { useEffect, useRef } from "react";
import { errorMessage } from "../../../lib/graphql-client";
import { JobRunsDocument } from "../../../lib/graphql/generated/graphql";
import type { JobRunsQuery } from "../../../lib/graphql/generated/graphql";
import { useT } from "../../../lib/i18n/i18n-provider";
import { isJobActive, jobsPollPace } from "../../../lib/job-status";
import { useGraphQLQuery } from "../../../lib/use-graphql-query";
import { JobRunItem } from "./job-run-item";

const POLL_MS = 1000;

function pollPace(data: JobRunsQuery): boolean | number {
  return jobsPollPace(data.jobRuns.edges.map((edge) => edge.node));
}

/** Recent job runs; polls every second while any of them is queued or running, slowly while paused. */
export function JobRunsPanel({ refreshToken, onJobsSettled }: { refreshToken: number; onJobsSettled: () => void }) {
  const t = useT();
  const jobs = useGraphQLQuery(JobRunsDocument, { first: 5 }, { pollMs: POLL_MS, pollWhile: pollPace });
  const runs = jobs.data?.jobRuns.edges.map((edge) => edge.node) ?? [];
  const anyActive = runs.some(isJobActive);
  const { refetch } = jobs;

  const wasActive = useRef(false);
  useEffect(() => {
    if (wasActive.current && !anyActive) onJobsSettled();
    wasActive.current = anyActive;
  }, [anyActive, onJobsSettled]);

  const firstToken = useRef(refreshToken);
  useEffect(() => {
    if (refreshToken !== firstToken.current) refetch();
  }, [refreshToken, refetch]);

  return (
    <section className="card" aria-labelledby="jobs-heading">
      <div className="card-head">
        <h2 id="jobs-heading">{t("jobs.recent")}</h2>
        {anyActive && <span className="live-dot" title={t("jobs.updating")} />}
      </div>
      {jobs.error !== undefined && <p className="error-text">{errorMessage(jobs.error)}</p>}
      {jobs.data === undefined && jobs.error === undefined && <p className="muted">{t("common.loading")}</p>}
      {jobs.data !== undefined && runs.length === 0 && <p className="muted">{t("jobs.noneYet")}</p>}
      <ul className="job-list">
        {runs.map((job) => (
          <li key={job.id}>
            <JobRunItem job={job} />
          </li>
        ))}
      </ul>
    </section>
  );
}
