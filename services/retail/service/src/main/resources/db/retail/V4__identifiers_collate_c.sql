-- Identifiers (customer ids, stock codes, invoice numbers) compare byte by byte, in the "C" collation,
-- whatever the database's default collation is:
-- - lists ordered by them (GET /customer, GET /stockcode, a customer's invoices) come in the same order on
--   every PostgreSQL, the embedded one (initialised with --locale=C) and a server in en_US.UTF-8 alike,
--   and in the order Java's String.compareTo gives, which the importer copies lines in (docs/import.md);
-- - comparing them costs a memcmp instead of the locale's collation: index insertions and lookups by key,
--   and the bulk import's primary-key build, are cheaper.
-- Descriptions and countries keep the database's collation (they are text for people, searched by
-- lower()). The stock code's upper-case check keeps it too, so upper() still knows letters beyond ASCII.
-- Changing only the collation of a text column rewrites no table; PostgreSQL rebuilds the indexes on it.
-- The foreign keys between the columns are dropped and added back around the change, under their names.

ALTER TABLE invoice_line
    DROP CONSTRAINT invoice_line_invoice_no_fkey,
    DROP CONSTRAINT invoice_line_stock_code_fkey;
ALTER TABLE invoice DROP CONSTRAINT invoice_customer_id_fkey;

ALTER TABLE customer ALTER COLUMN customer_id TYPE text COLLATE "C";

ALTER TABLE stock_code DROP CONSTRAINT stock_code_stock_code_check;
ALTER TABLE stock_code ALTER COLUMN stock_code TYPE text COLLATE "C";
ALTER TABLE stock_code
    ADD CONSTRAINT stock_code_stock_code_check CHECK (stock_code = upper(stock_code COLLATE "default"));

ALTER TABLE invoice
    ALTER COLUMN invoice_no TYPE text COLLATE "C",
    ALTER COLUMN customer_id TYPE text COLLATE "C";

ALTER TABLE invoice_line
    ALTER COLUMN invoice_no TYPE text COLLATE "C",
    ALTER COLUMN stock_code TYPE text COLLATE "C";

ALTER TABLE invoice ADD CONSTRAINT invoice_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer;
ALTER TABLE invoice_line
    ADD CONSTRAINT invoice_line_invoice_no_fkey FOREIGN KEY (invoice_no) REFERENCES invoice,
    ADD CONSTRAINT invoice_line_stock_code_fkey FOREIGN KEY (stock_code) REFERENCES stock_code;
