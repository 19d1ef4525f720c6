package dev.weir.retail.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** The rows of the export, as written (snake_case). */
final class ExportRecords {

    private ExportRecords() {
    }

    record ExportedCustomer(String customerId, String country, Instant updatedAt) {
    }

    record ExportedStockCode(String stockCode, String description, BigDecimal unitPrice, String kind,
            Instant updatedAt) {
    }

    record ExportedInvoice(String invoiceNo, LocalDateTime invoiceDate, String customerId, String country, String kind,
            Instant updatedAt, List<ExportedLine> lines) {
    }

    record ExportedLine(int lineNo, String stockCode, String description, int quantity, BigDecimal unitPrice) {
    }

    /**
     * How many of each the service holds.
     *
     * @param customers customers
     * @param stockCodes catalogue entries
     * @param invoices invoices
     * @param lines invoice lines
     */
    record ExportCounts(long customers, long stockCodes, long invoices, long lines) {
    }

}
