/**
 * The Retail service: customers, invoices and the stock-code catalogue over REST and
 * gRPC, on PostgreSQL schema {@code retail}, and the bulk importer of the Online Retail
 * data set. One package per feature:
 * <ul>
 * <li>{@code customer}, {@code invoice}, {@code stockcode}: the resources, each with its
 * transports (REST controller, fast GET route, gRPC endpoint), its service (the rules,
 * the transactions) and its repository (the SQL). An invoice needs its customer and the
 * catalogue; neither needs invoices.</li>
 * <li>{@code identifier}: customer ids, stock codes and invoice numbers, and the one
 * canonical spelling every transport and the importer use.</li>
 * <li>{@code importer}: the bulk import of the Online Retail CSV, behind one public entry
 * point, {@code RetailImporter}.</li>
 * <li>{@code outbox}: every change recorded as an event in the transaction that makes it,
 * and published to Kafka by a relay.</li>
 * <li>{@code system}: what the features share: settings, the schema, versions and ETags,
 * pages, coalesced lookups.</li>
 * </ul>
 */
package dev.weir.retail;
