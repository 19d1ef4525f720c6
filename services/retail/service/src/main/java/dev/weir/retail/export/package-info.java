/**
 * The Retail service's export: every customer, stock code and invoice (with its lines) as
 * NDJSON pages in key order, for consumers that mirror the data (the pipeline reads it
 * after a bulk import, whose lines are not published one by one). Read-only; reads the
 * {@code retail} schema with its own queries, nothing of the other features.
 */
package dev.weir.retail.export;
