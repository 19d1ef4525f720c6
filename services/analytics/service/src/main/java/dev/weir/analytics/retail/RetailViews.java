package dev.weir.analytics.retail;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the retail endpoints answer (amounts in the source's currency, pounds sterling).
 */
final class RetailViews {

    private RetailViews() {
    }

    /**
     * Revenue of one month (or one country): sales, cancellations (negative) and
     * adjustments, and the net of the three.
     *
     * @param sales the amount of sale invoices
     * @param cancellations the amount of cancellation invoices ({@code C...}), negative
     * @param adjustments the amount of adjustments ({@code A...}, bad debt)
     * @param net sales + cancellations + adjustments
     * @param invoices sale invoices
     * @param cancelledInvoices cancellation invoices
     */
    record Revenue(BigDecimal sales, BigDecimal cancellations, BigDecimal adjustments, BigDecimal net, long invoices,
            long cancelledInvoices) {
    }

    /**
     * @param month {@code yyyy-MM}
     */
    record MonthRevenue(String month, BigDecimal sales, BigDecimal cancellations, BigDecimal adjustments,
            BigDecimal net, long invoices, long cancelledInvoices) {
    }

    record CountryRevenue(String country, BigDecimal sales, BigDecimal cancellations, BigDecimal adjustments,
            BigDecimal net, long invoices, long cancelledInvoices) {
    }

    /**
     * @param from the first month, or null for the data's first
     * @param to the last month, or null for the data's last
     * @param country the country, or null for all
     * @param months each month with data, in order
     * @param total the whole period
     */
    record MonthlyRevenue(String from, String to, String country, List<MonthRevenue> months, Revenue total) {
    }

    /**
     * @param countries by net revenue, highest first
     */
    record RevenueByCountry(String from, String to, List<CountryRevenue> countries, Revenue total) {
    }

    /**
     * A product's place in a ranking for a period.
     *
     * @param quantity units sold net of cancellations
     * @param revenue amount net of cancellations
     * @param soldQuantity units on sale invoices
     * @param sales amount on sale invoices
     */
    record TopProduct(int rank, String stockCode, String description, long quantity, BigDecimal revenue,
            long soldQuantity, BigDecimal sales) {
    }

    /**
     * Recency, frequency and monetary scores (1-5, by quintile among all customers with
     * an order; 5 is the most recent, most frequent, highest spending) and the segment
     * they put the customer in.
     *
     * @param asOf the day after the warehouse's last purchase, from which recency is
     * counted
     * @param recencyDays days from the last purchase to {@code asOf}
     */
    record Rfm(LocalDate asOf, long recencyDays, int recency, int frequency, int monetary, String segment) {
    }

    /**
     * @param orders sale invoices
     * @param cancellations cancellation invoices
     * @param gross the amount of the sale invoices
     * @param spend the amount of every invoice: net of cancellations
     * @param firstPurchase the first sale invoice's time (UK local time, as the source)
     * @param lastPurchase the last sale invoice's time
     * @param rfm null when the customer has no order
     */
    record CustomerSummary(String customerId, String country, long orders, long cancellations, long lines,
            long quantity, BigDecimal gross, BigDecimal spend, LocalDateTime firstPurchase, LocalDateTime lastPurchase,
            Rfm rfm) {
    }

    /**
     * Basket size of the sale invoices of one day or month.
     *
     * @param period {@code yyyy-MM-dd} or {@code yyyy-MM}
     * @param invoices sale invoices
     * @param lines mean lines per invoice
     * @param quantity mean units per invoice
     * @param amount mean amount per invoice
     */
    record BasketSize(String period, long invoices, double lines, double quantity, BigDecimal amount) {
    }

    /**
     * @param interval day or month
     */
    record BasketSizes(String from, String to, String country, String interval, List<BasketSize> periods) {
    }

}
