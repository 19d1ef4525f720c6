package dev.weir.pipeline.retail;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.weir.pipeline.spi.Column;
import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.spi.Dataset.Repeats;
import dev.weir.pipeline.spi.Dataset.SourceTopic;
import dev.weir.pipeline.spi.Rule;
import dev.weir.pipeline.spi.Rule.Action;
import dev.weir.pipeline.spi.Table;

/**
 * Retail, through the Retail service's public interfaces only: its domain events
 * ({@code weir.events.retail}) and its export, which {@link RetailExportReader} publishes
 * to {@code weir.raw.retail} keyed like the events (customer id, stock code, invoice
 * number), so one entity's events and export rows meet in one task.
 */
@Configuration(proxyBeanMethods = false)
class RetailDataset {

    /** The topic the export is published to. */
    static final String EXPORT_TOPIC = "weir.raw.retail";

    static final String EVENTS_TOPIC = "weir.events.retail";

    /** Partitions of the retail topics: the Retail service's events topic has 6. */
    static final int PARTITIONS = 6;

    static final Table CUSTOMER = new Table("retail_customer",
            List.of(Column.text("customer_id"), Column.text("country"), Column.timestamptz("deleted_at"),
                    Column.timestamptz("source_version"), Column.timestamptz("received_at")),
            List.of("customer_id"), "source_version");

    static final Table PRODUCT = new Table("retail_product",
            List.of(Column.text("stock_code"), Column.text("description"), Column.decimal("unit_price"),
                    Column.text("kind"), Column.bool("is_product"), Column.timestamptz("source_version"),
                    Column.timestamptz("received_at")),
            List.of("stock_code"), "source_version");

    static final Table INVOICE = new Table("retail_invoice",
            List.of(Column.text("invoice_no"), Column.timestamp("invoice_date"), Column.integer("date_key"),
                    Column.text("customer_id"), Column.text("country"), Column.text("kind"),
                    Column.timestamptz("source_version"), Column.timestamptz("received_at")),
            List.of("invoice_no"), "source_version");

    static final Table LINE = new Table("retail_invoice_line",
            List.of(Column.text("invoice_no"), Column.integer("line_no"), Column.text("stock_code"),
                    Column.text("description"), Column.integer("quantity"), Column.decimal("unit_price"),
                    Column.timestamptz("received_at")),
            List.of("invoice_no", "line_no"), null);

    static final List<Rule> RULES = List.of(
            new Rule("retail.no_customer", Action.NORMALISE,
                    "An invoice recorded without a customer (135,080 source lines): customer_id null, kept"),
            new Rule("retail.cancellation", Action.NORMALISE,
                    "An invoice numbered C... is a cancellation (kind cancellation; its lines' amounts are "
                            + "negative, so sums are net of them)"),
            new Rule("retail.adjustment", Action.NORMALISE, "An invoice numbered A... is an adjustment"),
            new Rule("retail.non_product", Action.NORMALISE,
                    "A stock code that is not a product (POST, M, BANK CHARGES, ...): is_product false"),
            new Rule("retail.negative_quantity", Action.NORMALISE,
                    "A line with a negative quantity (returns, cancellations): kept as it is"),
            new Rule("retail.customer_deleted", Action.NORMALISE,
                    "A deleted customer is kept as a tombstone (deleted_at), so a late export row cannot "
                            + "bring it back"),
            new Rule("retail.import_summary", Action.IGNORE,
                    "The one summary event of a bulk import: it starts an export read, it is not a row"),
            new Rule("retail.unknown_event", Action.IGNORE, "An event type the warehouse does not hold"),
            new Rule("retail.bad_value", Action.DEAD_LETTER,
                    "A missing identifier, or a date, quantity or price that is not readable"),
            new Rule("retail.unreadable", Action.DEAD_LETTER, "The event's data is not a JSON object"));

    @Bean
    Dataset retail() {
        return new Dataset("retail",
                List.of(new SourceTopic(EVENTS_TOPIC, PARTITIONS, true),
                        new SourceTopic(EXPORT_TOPIC, PARTITIONS, true)),
                List.of(CUSTOMER, PRODUCT, INVOICE, LINE), RULES, Repeats.EVENT_ID, new RetailCleaner());
    }

}
