/**
 * The identifiers of the Retail service — customer ids, stock codes, invoice numbers —
 * and their rules: what a client may send, and the one canonical spelling that the REST
 * API, the gRPC API and the bulk importer store and look up.
 */
package dev.weir.retail.identifier;
