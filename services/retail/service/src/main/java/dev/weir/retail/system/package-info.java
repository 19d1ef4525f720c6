/**
 * What the features of the Retail service share: its settings ({@link RetailProperties}),
 * its schema and migrations ({@link RetailSchema}), versions and ETags, pages, and
 * lookups that share one query ({@link CoalescingLookup}).
 */
package dev.weir.retail.system;
