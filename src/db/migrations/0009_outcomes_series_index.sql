DROP INDEX "measure_responses_outcomes_idx";--> statement-breakpoint
DROP INDEX "measure_responses_client_idx";--> statement-breakpoint
CREATE INDEX "measure_responses_time_idx" ON "measure_responses" USING btree ("practice_id","completed_at");--> statement-breakpoint
CREATE INDEX "measure_responses_client_idx" ON "measure_responses" USING btree ("practice_id","client_id","instrument_key","completed_at","rated_by","total");