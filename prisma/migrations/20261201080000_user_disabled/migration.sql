-- 停用账号: tokens of a disabled user are refused on the next request.
ALTER TABLE "app_user" ADD COLUMN "disabled" BOOLEAN NOT NULL DEFAULT false;
