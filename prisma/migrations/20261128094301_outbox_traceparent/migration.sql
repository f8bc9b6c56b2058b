-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "traceparent" TEXT DEFAULT NULLIF(current_setting('truecopy.traceparent'::text, true), ''::text);

