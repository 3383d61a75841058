CREATE TABLE "session_attendees" (
	"practice_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"client_id" uuid,
	"chapter_id" uuid,
	"attendance" text DEFAULT 'expected' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "session_attendees_practice_id_session_id_member_id_pk" PRIMARY KEY("practice_id","session_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "relational_units" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "relational_units_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "unit_members" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"client_id" uuid,
	"name" text DEFAULT '' NOT NULL,
	"relationship" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"attends" boolean DEFAULT true NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "unit_members_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "unit_members_who" CHECK (client_id is not null or length(name) > 0)
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "unit_id" uuid;--> statement-breakpoint
ALTER TABLE "progress_notes" ADD COLUMN "person_sections" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "progress_notes" ADD COLUMN "shared_sections" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "session_attendees" ADD CONSTRAINT "session_attendees_practice_id_session_id_sessions_practice_id_id_fk" FOREIGN KEY ("practice_id","session_id") REFERENCES "public"."sessions"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendees" ADD CONSTRAINT "session_attendees_practice_id_member_id_unit_members_practice_id_id_fk" FOREIGN KEY ("practice_id","member_id") REFERENCES "public"."unit_members"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_members" ADD CONSTRAINT "unit_members_practice_id_unit_id_relational_units_practice_id_id_fk" FOREIGN KEY ("practice_id","unit_id") REFERENCES "public"."relational_units"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_members" ADD CONSTRAINT "unit_members_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_attendees_client_idx" ON "session_attendees" USING btree ("practice_id","client_id");--> statement-breakpoint
CREATE INDEX "unit_members_unit_idx" ON "unit_members" USING btree ("practice_id","unit_id");--> statement-breakpoint
CREATE INDEX "unit_members_client_idx" ON "unit_members" USING btree ("practice_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_members_current_client_uq" ON "unit_members" USING btree ("practice_id","unit_id","client_id") WHERE client_id is not null and left_at is null;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_practice_id_unit_id_relational_units_practice_id_id_fk" FOREIGN KEY ("practice_id","unit_id") REFERENCES "public"."relational_units"("practice_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_unit_time_idx" ON "sessions" USING btree ("practice_id","unit_id","starts_at");