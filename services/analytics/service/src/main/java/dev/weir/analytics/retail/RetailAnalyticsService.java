package dev.weir.analytics.retail;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.weir.analytics.system.AnswerCache;
import dev.weir.analytics.system.Cursor;
import dev.weir.analytics.system.Dataset;
import dev.weir.analytics.system.Fresh;
import dev.weir.analytics.system.Page;
import dev.weir.platform.error.WeirException;

/**
 * Retail analytics: revenue by month and country, top products, a customer's summary with
 * its RFM segment, and basket size. Every answer is kept until the retail data changes.
 */
@Service
class RetailAnalyticsService {

    private static final int FIRST_KEY = 0;

    private static final int LAST_KEY = 99_991_231;

    private final RetailAnalyticsRepository repository;

    private final AnswerCache answers;

    RetailAnalyticsService(RetailAnalyticsRepository repository, AnswerCache answers) {
        this.repository = repository;
        this.answers = answers;
    }

    Fresh<RetailViews.MonthlyRevenue> revenueByMonth(YearMonth from, YearMonth to, String country) {
        return this.answers.get(Dataset.RETAIL, "revenue-monthly|" + from + "|" + to + "|" + country, () -> {
            List<RetailViews.MonthRevenue> months = this.repository.revenueByMonth(fromKey(from), toKey(to), country);
            RetailViews.Revenue total = total(months.stream()
                .map((m) -> new RetailViews.Revenue(m.sales(), m.cancellations(), m.adjustments(), m.net(),
                        m.invoices(), m.cancelledInvoices()))
                .toList());
            return new RetailViews.MonthlyRevenue(text(from), text(to), country, months, total);
        });
    }

    Fresh<RetailViews.RevenueByCountry> revenueByCountry(YearMonth from, YearMonth to) {
        return this.answers.get(Dataset.RETAIL, "revenue-countries|" + from + "|" + to, () -> {
            List<RetailViews.CountryRevenue> countries = this.repository.revenueByCountry(fromKey(from), toKey(to));
            RetailViews.Revenue total = total(countries.stream()
                .map((c) -> new RetailViews.Revenue(c.sales(), c.cancellations(), c.adjustments(), c.net(),
                        c.invoices(), c.cancelledInvoices()))
                .toList());
            return new RetailViews.RevenueByCountry(text(from), text(to), countries, total);
        });
    }

    /**
     * Products ranked by net revenue ({@code by=revenue}) or net units
     * ({@code by=quantity}) over whole months; non-products (postage, fees, ...) are left
     * out.
     */
    Fresh<Page<RetailViews.TopProduct>> topProducts(YearMonth from, YearMonth to, boolean byQuantity, String after,
            int limit) {
        List<String> position = Cursor.parse(after, 3);
        BigDecimal afterValue = (position != null) ? Cursor.decimal(position.get(0)) : null;
        String afterCode = (position != null) ? position.get(1) : null;
        int firstRank = (position != null) ? Cursor.decimal(position.get(2)).intValue() + 1 : 1;
        return this.answers.get(Dataset.RETAIL,
                "top-products|" + from + "|" + to + "|" + byQuantity + "|" + after + "|" + limit, () -> {
                    LocalDate fromMonth = (from != null) ? from.atDay(1) : LocalDate.of(1900, 1, 1);
                    LocalDate toMonth = (to != null) ? to.atDay(1) : LocalDate.of(9999, 12, 1);
                    List<RetailViews.TopProduct> fetched = this.repository.topProducts(fromMonth, toMonth, byQuantity,
                            afterValue, afterCode, limit + 1, firstRank);
                    return Page.of(fetched, limit,
                            (p) -> Cursor.of(byQuantity ? Long.toString(p.quantity()) : p.revenue().toPlainString(),
                                    p.stockCode(), p.rank()));
                });
    }

    Fresh<RetailViews.CustomerSummary> customer(String customerId) {
        Fresh<RetailAnalyticsRepository.RfmBounds> bounds = this.answers.get(Dataset.RETAIL, "rfm-bounds",
                this.repository::rfmBounds);
        return this.answers.get(Dataset.RETAIL, "customer|" + customerId, () -> {
            RetailAnalyticsRepository.CustomerRow row = this.repository.customer(customerId).orElse(null);
            if (row == null) {
                String country = this.repository.customerCountry(customerId)
                    .orElseThrow(() -> WeirException
                        .notFound("Customer not found", "The warehouse has no customer '" + customerId + "'.")
                        .with("customer_id", customerId));
                return new RetailViews.CustomerSummary(customerId, country, 0, 0, 0, 0, BigDecimal.ZERO,
                        BigDecimal.ZERO, null, null, null);
            }
            return new RetailViews.CustomerSummary(row.customerId(), row.country(), row.orders(), row.cancellations(),
                    row.lines(), row.quantity(), row.gross(), row.spend(), row.firstPurchase(), row.lastPurchase(),
                    rfm(row, bounds.value()));
        });
    }

    Fresh<RetailViews.BasketSizes> basket(LocalDate from, LocalDate to, String country, boolean monthly) {
        return this.answers.get(Dataset.RETAIL, "basket|" + from + "|" + to + "|" + country + "|" + monthly, () -> {
            int fromKey = (from != null) ? key(from) : FIRST_KEY;
            int toKey = (to != null) ? key(to) : LAST_KEY;
            return new RetailViews.BasketSizes(text(from), text(to), country, monthly ? "month" : "day",
                    this.repository.basket(fromKey, toKey, country, monthly));
        });
    }

    /**
     * Scores 1-5 by the quintile boundaries: one more than the number of boundaries the
     * value is above (for recency, the last purchase's time).
     */
    static RetailViews.Rfm rfm(RetailAnalyticsRepository.CustomerRow row, RetailAnalyticsRepository.RfmBounds bounds) {
        if (bounds == null || row.orders() == 0 || row.lastPurchase() == null) {
            return null;
        }
        int r = 1 + (int) bounds.recency().stream().filter((b) -> row.lastPurchase().isAfter(b)).count();
        int f = 1 + (int) bounds.frequency().stream().filter((b) -> row.orders() > b).count();
        int m = 1 + (int) bounds.monetary().stream().filter((b) -> row.spend().compareTo(b) > 0).count();
        LocalDate asOf = bounds.lastPurchase().toLocalDate().plusDays(1);
        long days = ChronoUnit.DAYS.between(row.lastPurchase().toLocalDate(), asOf);
        return new RetailViews.Rfm(asOf, days, r, f, m, segment(r, f, m));
    }

    /** The segment of a customer's scores (docs/analytics.md lists the rules). */
    static String segment(int r, int f, int m) {
        if (r >= 4 && f >= 4 && m >= 4) {
            return "champions";
        }
        if (r >= 3 && f >= 3) {
            return "loyal";
        }
        if (r >= 4) {
            return "new";
        }
        if (r <= 2 && f >= 3) {
            return "at_risk";
        }
        if (r == 1) {
            return "lost";
        }
        return "needs_attention";
    }

    private static RetailViews.Revenue total(List<RetailViews.Revenue> parts) {
        BigDecimal sales = BigDecimal.ZERO;
        BigDecimal cancellations = BigDecimal.ZERO;
        BigDecimal adjustments = BigDecimal.ZERO;
        BigDecimal net = BigDecimal.ZERO;
        long invoices = 0;
        long cancelled = 0;
        for (RetailViews.Revenue part : parts) {
            sales = sales.add(part.sales());
            cancellations = cancellations.add(part.cancellations());
            adjustments = adjustments.add(part.adjustments());
            net = net.add(part.net());
            invoices += part.invoices();
            cancelled += part.cancelledInvoices();
        }
        return new RetailViews.Revenue(sales, cancellations, adjustments, net, invoices, cancelled);
    }

    private static int fromKey(YearMonth from) {
        return (from != null) ? key(from.atDay(1)) : FIRST_KEY;
    }

    private static int toKey(YearMonth to) {
        return (to != null) ? key(to.atEndOfMonth()) : LAST_KEY;
    }

    private static int key(LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    private static String text(Object value) {
        return (value != null) ? value.toString() : null;
    }

}
