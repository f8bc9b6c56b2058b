"use client";

import { useT } from "../../../lib/i18n/i18n-provider";

export type TDiffOp = { op: string; text: string };

/**
 * Original against variant as one text: deleted tokens struck through, inserted ones underlined,
 * each also named for screen readers (the colour is not the only cue).
 */
export function DiffView({ ops, testId = "variant-diff" }: { ops: readonly TDiffOp[]; testId?: string }) {
  const t = useT();
  return (
    <p className="copy-text diff" data-testid={testId}>
      {ops.map((op, index) => {
        if (op.op === "insert") {
          return (
            <ins key={index} data-testid="diff-insert">
              <span className="visually-hidden">{t("diff.inserted")} </span>
              {op.text}
            </ins>
          );
        }
        if (op.op === "delete") {
          return (
            <del key={index} data-testid="diff-delete">
              <span className="visually-hidden">{t("diff.deleted")} </span>
              {op.text}
            </del>
          );
        }
        return <span key={index}>{op.text}</span>;
      })}
    </p>
  );
}
