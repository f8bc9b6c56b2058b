"use client";

import { useRef, useState } from "react";
import { errorMessage, graphqlRequest } from "../../lib/graphql-client";
import { UploadProductImageDocument } from "../../lib/graphql/generated/graphql";
import type { ProductImageFieldsFragment } from "../../lib/graphql/generated/graphql";
import type { TImageBox } from "../../lib/image-overlay";
import { useI18n } from "../../lib/i18n/i18n-provider";
import { enumLabel } from "../../lib/i18n/translate";
import { ImageEvidence } from "./image-evidence";
import type { TImageEvidence } from "./image-evidence";
import { useToast } from "./toast";

// A file picked for upload larger than this is refused here, before it is read (the API has its own limit).
const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

const asBox = (box: readonly number[] | null | undefined): TImageBox | null =>
  box !== null && box !== undefined && box.length === 4 ? [box[0] ?? 0, box[1] ?? 0, box[2] ?? 0, box[3] ?? 0] : null;

function toEvidence(image: ProductImageFieldsFragment, language: "zh" | "en"): TImageEvidence | null {
  if (image.width === null || image.height === null) return null;
  return {
    id: image.id,
    // Uploaded and local images come as a same-origin data: preview; remote ones are not loaded into
    // the dashboard (the CSP allows images from this origin only), their boxes still show.
    src: image.preview ?? null,
    width: image.width,
    height: image.height,
    findings: image.findings.map((f, i) => ({
      id: `${f.rule}-${i}`,
      severity: f.severity,
      category: f.category,
      box: asBox(f.box),
      label: f.match ?? f.message,
      message: f.message,
    })),
    lines: image.text.map((line, i) => ({
      id: `line-${i}`,
      text: line.text,
      box: asBox(line.box) ?? [0, 0, 0, 0],
      confidence: line.confidence,
    })),
    colours: image.colors
      .filter((c) => !c.background)
      .map((c) => ({ name: language === "zh" ? c.nameZh : c.nameEn, hex: c.hex, share: c.share })),
  };
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The product's images with what the vision checks found; an upload button for who may add images. */
export function ProductImages({
  productId,
  images,
  title,
  canUpload,
  onChanged,
}: {
  productId: string;
  images: readonly ProductImageFieldsFragment[];
  title: string;
  canUpload: boolean;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    if (file.size > MAX_UPLOAD_BYTES) {
      toast({ message: t("images.tooLarge"), tone: "error" });
      return;
    }
    setUploading(true);
    try {
      await graphqlRequest(UploadProductImageDocument, { productId, contentBase64: await fileToBase64(file) });
      toast({ message: t("images.uploaded") });
      onChanged();
    } catch (error) {
      toast({ message: errorMessage(error), tone: "error" });
    } finally {
      setUploading(false);
      if (input.current !== null) input.current.value = "";
    }
  }

  return (
    <div className="product-images" data-testid="product-image-list">
      {images.length === 0 && <p className="muted">{t("product.noImages")}</p>}
      {images.map((image, index) => {
        const evidence = image.status === "CHECKED" ? toEvidence(image, locale) : null;
        const alt = t("images.alt", { title, index: index + 1 });
        if (evidence !== null) return <ImageEvidence key={image.id} image={evidence} alt={alt} />;
        return (
          <div key={image.id} className="image-pending" data-testid="image-pending" data-status={image.status}>
            <span className="chip small">{enumLabel(t, "images.status", image.status)}</span>{" "}
            <span className="mono small">{image.url.length > 60 ? `${image.url.slice(0, 60)}…` : image.url}</span>
            {image.error !== null && <p className="muted small">{image.error}</p>}
          </div>
        );
      })}
      {canUpload && (
        <label className={`button small upload-button${uploading ? " disabled" : ""}`}>
          {uploading ? t("images.uploading") : t("images.upload")}
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            className="visually-hidden"
            data-testid="image-upload"
            disabled={uploading}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file !== undefined) void upload(file);
            }}
          />
        </label>
      )}
    </div>
  );
}
