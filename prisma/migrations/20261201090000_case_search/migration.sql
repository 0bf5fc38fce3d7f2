-- 办件查询: staff find a case by its number (prefix), the applicant's name (prefix), ID number or phone.
-- C-collated expression indexes let `LIKE 'prefix%'` use a btree whatever the database's collation.
CREATE INDEX "case_search_id_idx" ON "case" ((upper("id") COLLATE "C"));
CREATE INDEX "case_search_name_idx" ON "case" ((lower("variables"->>'applicantName') COLLATE "C"));
CREATE INDEX "case_search_id_number_idx" ON "case" ((upper("variables"->>'idNumber')));
CREATE INDEX "case_search_phone_idx" ON "case" (("variables"->>'contactPhone'));
CREATE INDEX "case_search_phone2_idx" ON "case" (("variables"->>'phone'));
CREATE INDEX "app_user_search_name_idx" ON "app_user" ((lower("name") COLLATE "C"));

-- CreateIndex
CREATE INDEX "case_started_at_idx" ON "case"("started_at");
CREATE INDEX "case_item_code_idx" ON "case"("item_code");
