CREATE TABLE "practices" (
	"practice_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"about" text DEFAULT '' NOT NULL,
	"settings" jsonb NOT NULL,
	"force_movements" jsonb NOT NULL,
	"common_factors" jsonb NOT NULL,
	"crisis_resources" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practices_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"practice_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"mfa_pending" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text DEFAULT '' NOT NULL,
	CONSTRAINT "auth_sessions_practice_id_token_hash_pk" PRIMARY KEY("practice_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"roles" text[] NOT NULL,
	"client_id" uuid,
	"invited_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "invites_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "invites_token_unique" UNIQUE("practice_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"kind" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"practice_id" uuid NOT NULL,
	"key" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone,
	CONSTRAINT "sign_in_failures_practice_id_key_pk" PRIMARY KEY("practice_id","key")
);
--> statement-breakpoint
CREATE TABLE "supervisions" (
	"practice_id" uuid NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"supervisee_id" uuid NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervisions_practice_id_supervisor_id_supervisee_id_pk" PRIMARY KEY("practice_id","supervisor_id","supervisee_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"pronouns" text DEFAULT '' NOT NULL,
	"roles" text[] NOT NULL,
	"credentials" text DEFAULT '' NOT NULL,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"ical_token" text,
	"client_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "users_email_unique" UNIQUE("practice_id","email"),
	CONSTRAINT "users_ical_token_unique" UNIQUE("practice_id","ical_token")
);
--> statement-breakpoint
CREATE TABLE "care_relationships" (
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_relationships_practice_id_client_id_practitioner_id_pk" PRIMARY KEY("practice_id","client_id","practitioner_id")
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"legal_name" text DEFAULT '' NOT NULL,
	"pronouns" text DEFAULT '' NOT NULL,
	"cultural_identities" text DEFAULT '' NOT NULL,
	"communities" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"preferred_contact" text DEFAULT '' NOT NULL,
	"date_of_birth" date,
	"emergency_contact_name" text DEFAULT '' NOT NULL,
	"emergency_contact_phone" text DEFAULT '' NOT NULL,
	"emergency_contact_relationship" text DEFAULT '' NOT NULL,
	"concerns" text DEFAULT '' NOT NULL,
	"resilience" text DEFAULT '' NOT NULL,
	"connection" text DEFAULT '' NOT NULL,
	"vitality" text DEFAULT '' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"current_phase" text DEFAULT 'reaching_out' NOT NULL,
	"primary_practitioner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "inquiries" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"contact" text NOT NULL,
	"what_brings" text NOT NULL,
	"preferred_practitioner_id" uuid,
	"status" text DEFAULT 'new' NOT NULL,
	"client_id" uuid,
	"handled_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inquiries_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "inquiry_replies" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inquiry_replies_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "public_form_hits" (
	"practice_id" uuid NOT NULL,
	"key" text NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	CONSTRAINT "public_form_hits_practice_id_key_pk" PRIMARY KEY("practice_id","key")
);
--> statement-breakpoint
CREATE TABLE "chapters" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"phase" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_by" uuid,
	"opening_note" text DEFAULT '' NOT NULL,
	"previous_chapter_id" uuid,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"what_was_lived" text,
	"what_remains_open" text,
	"door_left_open" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "chapters_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "phase_moves" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"chapter_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"from_phase" text,
	"to_phase" text NOT NULL,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"moved_by" uuid,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "phase_moves_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"chapter_id" uuid,
	"practitioner_id" uuid NOT NULL,
	"series_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"format" text NOT NULL,
	"modality" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"status_note" text DEFAULT '' NOT NULL,
	"movements" text[] DEFAULT '{}' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sessions_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"practice_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"client_id" uuid,
	"record_type" text NOT NULL,
	"record_id" text,
	"ip" text DEFAULT '' NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_practice_id_seq_pk" PRIMARY KEY("practice_id","seq")
);
--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_practice_id_user_id_users_practice_id_id_fk" FOREIGN KEY ("practice_id","user_id") REFERENCES "public"."users"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_practice_id_supervisor_id_users_practice_id_id_fk" FOREIGN KEY ("practice_id","supervisor_id") REFERENCES "public"."users"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervisions" ADD CONSTRAINT "supervisions_practice_id_supervisee_id_users_practice_id_id_fk" FOREIGN KEY ("practice_id","supervisee_id") REFERENCES "public"."users"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_practice_id_practices_practice_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("practice_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_relationships" ADD CONSTRAINT "care_relationships_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_relationships" ADD CONSTRAINT "care_relationships_practice_id_practitioner_id_users_practice_id_id_fk" FOREIGN KEY ("practice_id","practitioner_id") REFERENCES "public"."users"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_replies" ADD CONSTRAINT "inquiry_replies_practice_id_inquiry_id_inquiries_practice_id_id_fk" FOREIGN KEY ("practice_id","inquiry_id") REFERENCES "public"."inquiries"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chapters" ADD CONSTRAINT "chapters_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phase_moves" ADD CONSTRAINT "phase_moves_practice_id_chapter_id_chapters_practice_id_id_fk" FOREIGN KEY ("practice_id","chapter_id") REFERENCES "public"."chapters"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions" USING btree ("practice_id","user_id");--> statement-breakpoint
CREATE INDEX "outbox_created_idx" ON "outbox" USING btree ("practice_id","created_at");--> statement-breakpoint
CREATE INDEX "care_relationships_practitioner_idx" ON "care_relationships" USING btree ("practice_id","practitioner_id");--> statement-breakpoint
CREATE INDEX "clients_name_idx" ON "clients" USING btree ("practice_id","name");--> statement-breakpoint
CREATE INDEX "clients_phase_idx" ON "clients" USING btree ("practice_id","current_phase");--> statement-breakpoint
CREATE INDEX "inquiries_status_idx" ON "inquiries" USING btree ("practice_id","status","created_at");--> statement-breakpoint
CREATE INDEX "chapters_client_idx" ON "chapters" USING btree ("practice_id","client_id","number");--> statement-breakpoint
CREATE INDEX "phase_moves_client_idx" ON "phase_moves" USING btree ("practice_id","client_id","moved_at");--> statement-breakpoint
CREATE INDEX "sessions_practitioner_time_idx" ON "sessions" USING btree ("practice_id","practitioner_id","starts_at");--> statement-breakpoint
CREATE INDEX "sessions_client_time_idx" ON "sessions" USING btree ("practice_id","client_id","starts_at");--> statement-breakpoint
CREATE INDEX "audit_log_client_idx" ON "audit_log" USING btree ("practice_id","client_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("practice_id","actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("practice_id","at");