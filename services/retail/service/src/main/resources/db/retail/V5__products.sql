-- The products API (POST/GET /products, the microservices course's products service) serves the stock-code
-- catalogue: a product is a stock code. Its `name` is the stock code's description (the data set's
-- descriptions are product names), its `description` the new `details` column (absent for imported codes),
-- and a product created without an id gets the stock code 'P' + six digits from `product_number`
-- (no code in the data set looks like that; on a clash the next number is taken).
ALTER TABLE stock_code ADD COLUMN details text;
CREATE SEQUENCE product_number;
