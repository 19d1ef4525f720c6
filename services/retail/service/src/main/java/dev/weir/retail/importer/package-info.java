/**
 * The bulk import of the Online Retail CSV into schema {@code retail}, in one
 * transaction. Its one door is {@link RetailImporter#importFile}; everything behind it is
 * package-private. How it works and how fast it is: {@code docs/import.md}.
 */
package dev.weir.retail.importer;
