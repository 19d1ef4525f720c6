-- The Retail service's schema. Versions (for ETags and If-Match) are the row's updated_at, set with
-- clock_timestamp() so two changes in one transaction still differ.

CREATE TABLE customer (
    customer_id text PRIMARY KEY,
    country     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX customer_country_idx ON customer (country, customer_id);

-- The product catalogue. Codes are stored upper-case (the source data spells some both ways).
-- kind separates products from postage, fees, discounts and other non-product codes.
CREATE TABLE stock_code (
    stock_code  text PRIMARY KEY CHECK (stock_code = upper(stock_code)),
    description text,
    unit_price  numeric(12, 3) CHECK (unit_price >= 0),
    kind        text NOT NULL DEFAULT 'product',
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- kind follows the number: C... cancellation, A... adjustment, otherwise sale.
CREATE TABLE invoice (
    invoice_no   text PRIMARY KEY,
    invoice_date timestamp NOT NULL,
    customer_id  text REFERENCES customer,
    country      text,
    kind         text NOT NULL CHECK (kind IN ('sale', 'cancellation', 'adjustment')),
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX invoice_customer_idx ON invoice (customer_id, invoice_no);

-- A line keeps the description and price it was sold with: an invoice is a historical document and
-- does not change when the catalogue does. Lookups by stock code scan the invoice's lines through the
-- primary key (an invoice has at most a few hundred lines), so no second index slows down imports.
CREATE TABLE invoice_line (
    invoice_no  text NOT NULL REFERENCES invoice,
    line_no     integer NOT NULL CHECK (line_no > 0),
    stock_code  text NOT NULL REFERENCES stock_code,
    description text,
    quantity    integer NOT NULL,
    unit_price  numeric(12, 3) NOT NULL,
    PRIMARY KEY (invoice_no, line_no)
);
