CREATE TABLE "imported_instruments" (
	"practice_id" uuid NOT NULL,
	"key" text NOT NULL,
	"version" text NOT NULL,
	"definition" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "imported_instruments_practice_id_key_version_pk" PRIMARY KEY("practice_id","key","version")
);
--> statement-breakpoint
CREATE TABLE "measure_requests" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" text NOT NULL,
	"channel" text NOT NULL,
	"token_hash" text,
	"expires_at" timestamp with time zone,
	"session_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "measure_requests_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "measure_requests_token_uq" UNIQUE("practice_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "measure_responses" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"total" real NOT NULL,
	"severity_key" text,
	"subscales" jsonb,
	"risk" boolean DEFAULT false NOT NULL,
	"risk_rules" text[] DEFAULT '{}' NOT NULL,
	"rated_by" text DEFAULT 'client' NOT NULL,
	"rater_id" uuid,
	"via" text NOT NULL,
	"request_id" uuid,
	"session_id" uuid,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_responses_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "measure_responses_request_uq" UNIQUE("practice_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "measure_schedules" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"rule" text NOT NULL,
	"every_weeks" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "measure_schedules_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "measure_schedules_uq" UNIQUE("practice_id","client_id","instrument_key")
);
--> statement-breakpoint
CREATE TABLE "risk_alerts" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"rules" text[] NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledgement_note" text,
	CONSTRAINT "risk_alerts_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "risk_alerts_response_uq" UNIQUE("practice_id","response_id")
);
--> statement-breakpoint
ALTER TABLE "measure_requests" ADD CONSTRAINT "measure_requests_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responses" ADD CONSTRAINT "measure_responses_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responses" ADD CONSTRAINT "measure_responses_practice_id_session_id_sessions_practice_id_id_fk" FOREIGN KEY ("practice_id","session_id") REFERENCES "public"."sessions"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_schedules" ADD CONSTRAINT "measure_schedules_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD CONSTRAINT "risk_alerts_practice_id_response_id_measure_responses_practice_id_id_fk" FOREIGN KEY ("practice_id","response_id") REFERENCES "public"."measure_responses"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_requests_client_idx" ON "measure_requests" USING btree ("practice_id","client_id","status");--> statement-breakpoint
CREATE INDEX "measure_responses_client_idx" ON "measure_responses" USING btree ("practice_id","client_id","instrument_key","completed_at");--> statement-breakpoint
CREATE INDEX "measure_responses_time_idx" ON "measure_responses" USING btree ("practice_id","completed_at");--> statement-breakpoint
CREATE INDEX "risk_alerts_open_idx" ON "risk_alerts" USING btree ("practice_id","acknowledged_at");