\set id random(12346, 18287)
SELECT a.customer_id, c.country, a.orders, a.cancellations, a.lines, a.quantity, a.gross, a.spend, a.first_purchase, a.last_purchase FROM warehouse.agg_retail_customer a LEFT JOIN warehouse.retail_customer c ON c.customer_id = a.customer_id WHERE a.customer_id = :id::text;
