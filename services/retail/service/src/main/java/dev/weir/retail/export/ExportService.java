package dev.weir.retail.export;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.weir.retail.export.ExportRecords.ExportCounts;
import dev.weir.retail.export.ExportRecords.ExportedCustomer;
import dev.weir.retail.export.ExportRecords.ExportedInvoice;
import dev.weir.retail.export.ExportRecords.ExportedStockCode;

/**
 * Pages of the export. An invoice page reads its headers and lines in one snapshot
 * (repeatable read), so an invoice never comes with lines of a later state than itself.
 */
@Service
class ExportService {

    /** The largest page served. */
    static final int MAX_LIMIT = 10_000;

    private final ExportRepository repository;

    ExportService(ExportRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    public List<ExportedCustomer> customers(String after, int limit) {
        return this.repository.customers(after, limit);
    }

    @Transactional(readOnly = true)
    public List<ExportedStockCode> stockCodes(String after, int limit) {
        return this.repository.stockCodes(after, limit);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<ExportedInvoice> invoices(String after, int limit) {
        return this.repository.invoices(after, limit);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ExportCounts counts() {
        return this.repository.counts();
    }

}
