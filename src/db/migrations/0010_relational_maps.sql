CREATE TABLE "relational_map_versions" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"map" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"session_id" uuid,
	"content_hash" text NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relational_map_versions_practice_id_id_pk" PRIMARY KEY("practice_id","id"),
	CONSTRAINT "relational_map_versions_number_uq" UNIQUE("practice_id","client_id","number")
);
--> statement-breakpoint
CREATE TABLE "relational_maps" (
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"map" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relational_maps_practice_id_client_id_pk" PRIMARY KEY("practice_id","client_id")
);
--> statement-breakpoint
ALTER TABLE "relational_map_versions" ADD CONSTRAINT "relational_map_versions_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relational_maps" ADD CONSTRAINT "relational_maps_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relational_map_versions_saved_idx" ON "relational_map_versions" USING btree ("practice_id","client_id","saved_at");