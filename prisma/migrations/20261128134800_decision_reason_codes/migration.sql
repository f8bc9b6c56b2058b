-- Hand-written (nothing Prisma can express).

-- A rejection's reason is one of the codes the API offers (REJECT_REASON_CODES in @truecopy/core,
-- the GraphQL enum RejectReasonCode): a row written around the API with another code made every
-- reject-reason statistic fail to serialise. NOT VALID: rows already stored are not re-checked,
-- so the migration cannot fail on old data; every new or updated row is.
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_reason_code_known"
  CHECK ("reasonCode" IS NULL OR "reasonCode" IN ('EXAGGERATION', 'UNSUPPORTED_CLAIM', 'TONE', 'GRAMMAR', 'DUPLICATE', 'OTHER'))
  NOT VALID;
