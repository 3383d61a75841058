CREATE TABLE "diagnoses" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"context" text DEFAULT '' NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "diagnoses_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "idempotent_requests" (
	"practice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotent_requests_practice_id_user_id_key_pk" PRIMARY KEY("practice_id","user_id","key")
);
--> statement-breakpoint
CREATE TABLE "note_addenda" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"note_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "note_addenda_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "note_comments" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"note_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "note_comments_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_acknowledgements" (
	"practice_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_acknowledgements_practice_id_plan_id_version_user_id_pk" PRIMARY KEY("practice_id","plan_id","version","user_id")
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"practice_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"review_date" date NOT NULL,
	"changes" text[] DEFAULT '{}' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_versions_practice_id_plan_id_version_pk" PRIMARY KEY("practice_id","plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "progress_notes" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"chapter_id" uuid,
	"author_id" uuid NOT NULL,
	"format" text NOT NULL,
	"fields" jsonb NOT NULL,
	"risk" jsonb NOT NULL,
	"service_code" text DEFAULT '' NOT NULL,
	"theme_ids" uuid[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"facts" jsonb,
	"signed_at" timestamp with time zone,
	"signed_by" uuid,
	"content_hash" text,
	"cosign_status" text,
	"cosign_by" uuid,
	"cosign_at" timestamp with time zone,
	"cosign_comment" text DEFAULT '' NOT NULL,
	"shared_with_client" boolean DEFAULT false NOT NULL,
	"shared_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_notes_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "progress_notes_session_uq" UNIQUE("practice_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "psychotherapy_notes" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"theme_ids" uuid[] DEFAULT '{}' NOT NULL,
	"shared_with_supervisor_id" uuid,
	"shared_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "psychotherapy_notes_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "psychotherapy_notes_session_author_uq" UNIQUE("practice_id","session_id","author_id")
);
--> statement-breakpoint
CREATE TABLE "session_reflections" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_reflections_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "session_reflections_uq" UNIQUE("practice_id","session_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "theme_arc_changes" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"theme_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "theme_arc_changes_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "theme_tags" (
	"practice_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"layer" text NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "theme_tags_practice_id_theme_id_session_id_layer_author_id_pk" PRIMARY KEY("practice_id","theme_id","session_id","layer","author_id")
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "themes_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "themes_name_uq" UNIQUE("practice_id","client_id","name_key")
);
--> statement-breakpoint
CREATE TABLE "treatment_plans" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"chapter_id" uuid NOT NULL,
	"draft" jsonb NOT NULL,
	"draft_review_date" date,
	"draft_version" integer DEFAULT 1 NOT NULL,
	"draft_updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treatment_plans_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "treatment_plans_chapter_uq" UNIQUE("practice_id","chapter_id")
);
--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_addenda" ADD CONSTRAINT "note_addenda_practice_id_note_id_progress_notes_practice_id_id_fk" FOREIGN KEY ("practice_id","note_id") REFERENCES "public"."progress_notes"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_comments" ADD CONSTRAINT "note_comments_practice_id_note_id_progress_notes_practice_id_id_fk" FOREIGN KEY ("practice_id","note_id") REFERENCES "public"."progress_notes"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_acknowledgements" ADD CONSTRAINT "plan_acknowledgements_practice_id_plan_id_version_plan_versions_practice_id_plan_id_version_fk" FOREIGN KEY ("practice_id","plan_id","version") REFERENCES "public"."plan_versions"("practice_id","plan_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_practice_id_plan_id_treatment_plans_practice_id_id_fk" FOREIGN KEY ("practice_id","plan_id") REFERENCES "public"."treatment_plans"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_notes" ADD CONSTRAINT "progress_notes_practice_id_session_id_sessions_practice_id_id_fk" FOREIGN KEY ("practice_id","session_id") REFERENCES "public"."sessions"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_notes" ADD CONSTRAINT "progress_notes_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_notes" ADD CONSTRAINT "progress_notes_practice_id_author_id_users_practice_id_id_fk" FOREIGN KEY ("practice_id","author_id") REFERENCES "public"."users"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psychotherapy_notes" ADD CONSTRAINT "psychotherapy_notes_practice_id_session_id_sessions_practice_id_id_fk" FOREIGN KEY ("practice_id","session_id") REFERENCES "public"."sessions"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reflections" ADD CONSTRAINT "session_reflections_practice_id_session_id_sessions_practice_id_id_fk" FOREIGN KEY ("practice_id","session_id") REFERENCES "public"."sessions"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_arc_changes" ADD CONSTRAINT "theme_arc_changes_practice_id_theme_id_themes_practice_id_id_fk" FOREIGN KEY ("practice_id","theme_id") REFERENCES "public"."themes"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_tags" ADD CONSTRAINT "theme_tags_practice_id_theme_id_themes_practice_id_id_fk" FOREIGN KEY ("practice_id","theme_id") REFERENCES "public"."themes"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_tags" ADD CONSTRAINT "theme_tags_practice_id_session_id_sessions_practice_id_id_fk" FOREIGN KEY ("practice_id","session_id") REFERENCES "public"."sessions"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_practice_id_chapter_id_chapters_practice_id_id_fk" FOREIGN KEY ("practice_id","chapter_id") REFERENCES "public"."chapters"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "diagnoses_client_idx" ON "diagnoses" USING btree ("practice_id","client_id");--> statement-breakpoint
CREATE INDEX "note_addenda_note_idx" ON "note_addenda" USING btree ("practice_id","note_id");--> statement-breakpoint
CREATE INDEX "note_comments_note_idx" ON "note_comments" USING btree ("practice_id","note_id");--> statement-breakpoint
CREATE INDEX "progress_notes_client_idx" ON "progress_notes" USING btree ("practice_id","client_id");--> statement-breakpoint
CREATE INDEX "progress_notes_author_idx" ON "progress_notes" USING btree ("practice_id","author_id","status");--> statement-breakpoint
CREATE INDEX "psychotherapy_notes_shared_idx" ON "psychotherapy_notes" USING btree ("practice_id","shared_with_supervisor_id");--> statement-breakpoint
CREATE INDEX "theme_arc_theme_idx" ON "theme_arc_changes" USING btree ("practice_id","theme_id");--> statement-breakpoint
CREATE INDEX "theme_tags_session_idx" ON "theme_tags" USING btree ("practice_id","session_id");