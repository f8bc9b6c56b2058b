-- Merchandiser keys are merchant-bound like service keys: without a merchant they would see every
-- merchant. Keys that already are in that state have no merchant they could be bound to, so they
-- are removed (their holders get UNAUTHENTICATED and need a new, bound key).
DELETE FROM "ApiKey" WHERE "role" IN ('MERCHANDISER', 'SERVICE') AND "merchantId" IS NULL;
ALTER TABLE "ApiKey" DROP CONSTRAINT "ApiKey_merchant_role";
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_merchant_role" CHECK ("role" NOT IN ('MERCHANDISER', 'SERVICE') OR "merchantId" IS NOT NULL);
