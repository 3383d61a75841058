CREATE TABLE "consents" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"collaborator_name" text DEFAULT '' NOT NULL,
	"collaborator_role" text DEFAULT '' NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"scope" text DEFAULT '' NOT NULL,
	"given_on" date NOT NULL,
	"expires_on" date,
	"via" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoked_via" text,
	"revocation_note" text DEFAULT '' NOT NULL,
	CONSTRAINT "consents_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"practice_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"category" text NOT NULL,
	"record_id" text DEFAULT '' NOT NULL,
	"collaborator_name" text NOT NULL,
	"disclosed_by" uuid NOT NULL,
	"disclosed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosures_practice_id_id_pk" PRIMARY KEY("practice_id","id")
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_practice_id_consent_id_consents_practice_id_id_fk" FOREIGN KEY ("practice_id","consent_id") REFERENCES "public"."consents"("practice_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_client_idx" ON "consents" USING btree ("practice_id","client_id","purpose");--> statement-breakpoint
CREATE INDEX "disclosures_client_idx" ON "disclosures" USING btree ("practice_id","client_id","disclosed_at");