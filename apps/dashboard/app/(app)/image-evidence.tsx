"use client";

import { useEffect, useRef, useState } from "react";
import { overlayShapes, strokeFor } from "../../lib/image-overlay";
import type { TImageBox, TOverlayFinding, TOverlayLine } from "../../lib/image-overlay";
import { useT } from "../../lib/i18n/i18n-provider";
import { enumLabel } from "../../lib/i18n/translate";
import "./analysis-views.css";

export type TImageEvidence = {
  id: string;
  /** Same-origin address of the picture; null when it cannot be shown (the boxes still list). */
  src: string | null;
  width: number;
  height: number;
  findings: (TOverlayFinding & { message: string; category: string })[];
  lines: TOverlayLine[];
  colours: { name: string; hex: string; share: number }[];
};

const HEX = /^#[0-9a-f]{6}$/i;

/** The finding's number on a filled tab at the box's top left corner (inside the image). */
function NumberBadge({ x, y, size, number }: { x: number; y: number; size: number; number: number }) {
  const width = size * (number > 9 ? 1.5 : 1);
  const top = Math.max(0, y - size);
  return (
    <g className="overlay-badge">
      <rect x={x} y={top} width={width} height={size} rx={size / 6} />
      <text x={x + width / 2} y={top + size * 0.78} fontSize={size * 0.75} textAnchor="middle">
        {number}
      </text>
    </g>
  );
}

/**
 * A product image with what the checks found drawn on it: findings as numbered boxes (coloured by
 * severity), recognised text as thin outlines, listed below with the dominant colours. The overlay
 * is an SVG with the image's own size as its viewBox, laid over the picture, so boxes in image
 * pixels land on the right place at any displayed size. SVG attributes only (CSP).
 */
export function ImageEvidence({ image, alt }: { image: TImageEvidence; alt: string }) {
  const t = useT();
  const frame = useRef<HTMLDivElement>(null);
  const [shownWidth, setShownWidth] = useState(0);
  useEffect(() => {
    const element = frame.current;
    if (element === null) return;
    const observer = new ResizeObserver((entries) => setShownWidth(entries[0]?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const shapes = overlayShapes({
    width: image.width,
    height: image.height,
    findings: image.findings,
    lines: image.lines,
  });
  const stroke = strokeFor(image.width, shownWidth);
  const numbered = image.findings.filter((f) => shapes.some((s) => s.id === f.id));
  return (
    <figure className="image-evidence" data-testid="image-evidence" data-image-id={image.id}>
      <div className="image-frame" ref={frame}>
        {image.src !== null ? (
          <img src={image.src} alt={alt} width={image.width} height={image.height} />
        ) : (
          <svg className="image-placeholder" viewBox={`0 0 ${image.width} ${image.height}`} role="img" aria-label={alt}>
            <rect width={image.width} height={image.height} />
          </svg>
        )}
        <svg
          className="image-overlay"
          viewBox={`0 0 ${image.width} ${image.height}`}
          preserveAspectRatio="none"
          aria-hidden="true"
          data-testid="image-overlay"
        >
          {shapes.map((shape) => {
            const number = numbered.findIndex((f) => f.id === shape.id) + 1;
            return (
              <g
                key={`${shape.kind}-${shape.id}`}
                className={`overlay-${shape.kind} sev-${(shape.severity ?? "none").toLowerCase()}`}
              >
                <rect
                  x={shape.x}
                  y={shape.y}
                  width={shape.width}
                  height={shape.height}
                  strokeWidth={shape.kind === "finding" ? stroke : stroke / 2}
                  data-testid={shape.kind === "finding" ? "image-finding-box" : "image-text-box"}
                >
                  <title>{shape.label}</title>
                </rect>
                {shape.kind === "finding" && number > 0 && (
                  <NumberBadge x={shape.x} y={shape.y} size={Math.max(12, stroke * 8)} number={number} />
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption>
        {image.findings.length > 0 && (
          <ol className="image-findings">
            {image.findings.map((finding) => {
              const number = numbered.findIndex((f) => f.id === finding.id) + 1;
              return (
                <li
                  key={finding.id}
                  data-testid="image-finding"
                  className={`sev-text-${finding.severity.toLowerCase()}`}
                >
                  {number > 0 && <span className={`overlay-key key-${finding.severity.toLowerCase()}`}>{number}</span>}
                  <strong className="small">{enumLabel(t, "finding.severity", finding.severity)}</strong>{" "}
                  <span className="small">{finding.message}</span>
                </li>
              );
            })}
          </ol>
        )}
        {image.lines.length > 0 && (
          <div className="image-text">
            <span className="muted small">{t("images.text")}</span>
            <ul>
              {image.lines.map((line) => (
                <li key={line.id} data-testid="image-text-line">
                  <q>{line.text}</q> <span className="muted small">{Math.round(line.confidence * 100)}%</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {image.colours.length > 0 && (
          <ul className="image-colours" aria-label={t("images.colours")}>
            {image.colours.map((colour) => (
              <li key={`${colour.name}-${colour.hex}`} className="small">
                <svg viewBox="0 0 10 10" className="swatch" aria-hidden="true">
                  <rect
                    x="0.5"
                    y="0.5"
                    width="9"
                    height="9"
                    rx="2"
                    className="swatch-rect"
                    fill={HEX.test(colour.hex) ? colour.hex : "#ffffff"}
                  />
                </svg>
                {colour.name} {Math.round(colour.share * 100)}%
              </li>
            ))}
          </ul>
        )}
      </figcaption>
    </figure>
  );
}

export type { TImageBox };
