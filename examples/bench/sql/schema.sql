-- The table snapshot's files as DuckDB tables, one per file, with the
-- columns of sales.TableFiles in the same order. An empty field is NULL.
-- Times keep their offset (TIMESTAMPTZ); decimals are DECIMAL(38, 9), wide
-- enough for any amount the demo portal holds and exact when added up.

CREATE TABLE portal (time_zone VARCHAR, currency VARCHAR, rates_base VARCHAR);
CREATE TABLE rates (currency VARCHAR, to_base DECIMAL(38, 9));
CREATE TABLE owners (id VARCHAR, name VARCHAR, email VARCHAR, team VARCHAR, archived BOOLEAN);
CREATE TABLE stages (pipeline VARCHAR, pipeline_label VARCHAR, position INTEGER, stage VARCHAR,
	label VARCHAR, kind VARCHAR, probability DOUBLE);
CREATE TABLE products (id VARCHAR, name VARCHAR, sku VARCHAR, price DECIMAL(38, 9),
	currency VARCHAR);
CREATE TABLE targets (id VARCHAR, owner VARCHAR, team VARCHAR, "start" TIMESTAMPTZ,
	"end" TIMESTAMPTZ, metric VARCHAR, value DECIMAL(38, 9));
CREATE TABLE deals (id VARCHAR, name VARCHAR, owner VARCHAR, pipeline VARCHAR, stage VARCHAR,
	amount DECIMAL(38, 9), currency VARCHAR, created TIMESTAMPTZ, close_date TIMESTAMPTZ,
	lost_reason VARCHAR, source VARCHAR, region VARCHAR, type VARCHAR, company VARCHAR);
CREATE TABLE contacts (id VARCHAR, name VARCHAR, owner VARCHAR, created TIMESTAMPTZ,
	lifecycle VARCHAR, lead_status VARCHAR, source VARCHAR, company VARCHAR,
	reached_subscriber TIMESTAMPTZ, reached_lead TIMESTAMPTZ,
	reached_marketing_qualified TIMESTAMPTZ, reached_sales_qualified TIMESTAMPTZ,
	reached_opportunity TIMESTAMPTZ, reached_customer TIMESTAMPTZ,
	reached_evangelist TIMESTAMPTZ, reached_other TIMESTAMPTZ);
CREATE TABLE companies (id VARCHAR, name VARCHAR, type VARCHAR, industry VARCHAR,
	country VARCHAR, region VARCHAR, owner VARCHAR, created TIMESTAMPTZ);
CREATE TABLE activities (id VARCHAR, type VARCHAR, owner VARCHAR, "time" TIMESTAMPTZ,
	subject VARCHAR, direction VARCHAR, duration_ns BIGINT, call_outcome VARCHAR,
	meeting_end TIMESTAMPTZ, meeting_outcome VARCHAR, task_status VARCHAR,
	task_due TIMESTAMPTZ, task_completed TIMESTAMPTZ);
CREATE TABLE line_items (id VARCHAR, deal VARCHAR, product VARCHAR, name VARCHAR,
	quantity DECIMAL(38, 9), unit_price DECIMAL(38, 9), amount DECIMAL(38, 9),
	currency VARCHAR);
CREATE TABLE deal_contacts (deal VARCHAR, position INTEGER, contact VARCHAR);
CREATE TABLE deal_stage_history (deal VARCHAR, position INTEGER, stage VARCHAR,
	entered TIMESTAMPTZ, "left" TIMESTAMPTZ);
CREATE TABLE deal_close_date_history (deal VARCHAR, position INTEGER, "at" TIMESTAMPTZ,
	close_date TIMESTAMPTZ);
CREATE TABLE activity_deals (activity VARCHAR, position INTEGER, deal VARCHAR);
CREATE TABLE activity_contacts (activity VARCHAR, position INTEGER, contact VARCHAR);
CREATE TABLE activity_companies (activity VARCHAR, position INTEGER, company VARCHAR);
