CREATE TABLE "measure_series" (
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"rated_by" text NOT NULL,
	"n" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"first_total" real NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_total" real NOT NULL,
	CONSTRAINT "measure_series_practice_id_client_id_instrument_key_rated_by_pk" PRIMARY KEY("practice_id","client_id","instrument_key","rated_by")
);
--> statement-breakpoint
ALTER TABLE "measure_series" ADD CONSTRAINT "measure_series_practice_id_client_id_clients_practice_id_id_fk" FOREIGN KEY ("practice_id","client_id") REFERENCES "public"."clients"("practice_id","id") ON DELETE cascade ON UPDATE no action;