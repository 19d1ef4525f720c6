package dev.weir.retail.importer;

/**
 * Parses and writes the file's numbers and dates straight from bytes. Dates are kept as
 * {@code yyyyMMddHHmmss} in a long, so they compare as numbers and print without a
 * formatter; prices as thousandths in a long, the scale of {@code numeric(12, 3)}.
 */
final class RetailValues {

    /** Not a value: the parse failed. */
    static final long INVALID = Long.MIN_VALUE;

    private static final long MAX_PRICE_MILLIS = 999_999_999_999L;

    private RetailValues() {
    }

    /** An integer that fits an {@code int}: optional {@code -}, digits. */
    static long parseQuantity(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        if (i == to || to - i > 10) {
            return INVALID;
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        value = negative ? -value : value;
        return (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) ? INVALID : value;
    }

    /**
     * A decimal {@code -12.345} in thousandths; {@link #INVALID} if it is not one, has
     * more than three significant decimals, or more than nine integer digits.
     */
    static long parsePriceMillis(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        int integerStart = i;
        long value = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            value = value * 10 + (b[i] - '0');
            i++;
            if (value * 1000 > MAX_PRICE_MILLIS) {
                return INVALID;
            }
        }
        if (i == integerStart) {
            return INVALID;
        }
        long millis = value * 1000;
        if (i < to) {
            if (b[i] != '.' || i + 1 == to) {
                return INVALID;
            }
            i++;
            long scale = 100;
            for (; i < to; i++) {
                int digit = b[i] - '0';
                if (digit < 0 || digit > 9) {
                    return INVALID;
                }
                if (scale == 0) {
                    if (digit != 0) {
                        return INVALID;
                    }
                }
                else {
                    millis += digit * scale;
                    scale /= 10;
                }
            }
        }
        return negative ? -millis : millis;
    }

    /** {@code yyyy-MM-dd HH:mm:ss}, as the UCI export writes dates. */
    static long parseIsoDate(byte[] b, int from, int to) {
        if (to - from != 19 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != ' ' || b[from + 13] != ':'
                || b[from + 16] != ':') {
            return INVALID;
        }
        return date(digits(b, from, 4), digits(b, from + 5, 2), digits(b, from + 8, 2), digits(b, from + 11, 2),
                digits(b, from + 14, 2), digits(b, from + 17, 2));
    }

    /** {@code M/d/yyyy H:mm}, as Kaggle's {@code data.csv} writes dates. */
    static long parseKaggleDate(byte[] b, int from, int to) {
        int[] fields = new int[5];
        char[] separators = { '/', '/', ' ', ':' };
        int[] maxWidths = { 2, 2, 4, 2, 2 };
        int i = from;
        for (int f = 0; f < 5; f++) {
            int start = i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            int width = i - start;
            if (width == 0 || width > maxWidths[f] || (f == 2 && width != 4) || (f == 4 && width != 2)) {
                return INVALID;
            }
            fields[f] = digits(b, start, width);
            if (f < 4) {
                if (i == to || b[i] != separators[f]) {
                    return INVALID;
                }
                i++;
            }
        }
        if (i != to) {
            return INVALID;
        }
        return date(fields[2], fields[0], fields[1], fields[3], fields[4], 0);
    }

    private static int digits(byte[] b, int from, int width) {
        int value = 0;
        for (int i = from; i < from + width; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static long date(int year, int month, int day, int hour, int minute, int second) {
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        return ((((year * 100L + month) * 100 + day) * 100 + hour) * 100 + minute) * 100 + second;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** A date as PostgreSQL reads a timestamp: {@code 2010-12-01 08:26:00}. */
    static String formatDate(long date) {
        // yyyyMMddHHmmss, digit by digit from the right, into yyyy-MM-dd HH:mm:ss
        char[] text = "0000-00-00 00:00:00".toCharArray();
        long rest = date;
        for (int i = text.length - 1; i >= 0 && rest > 0; i--) {
            if (text[i] == '0') {
                text[i] = (char) ('0' + rest % 10);
                rest /= 10;
            }
        }
        return new String(text);
    }

    private static StringBuilder pad(StringBuilder text, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    /** Thousandths as a decimal: {@code 2550} is {@code 2.550}. */
    static String formatPrice(long millis) {
        long magnitude = Math.abs(millis);
        StringBuilder text = new StringBuilder(16);
        if (millis < 0) {
            text.append('-');
        }
        text.append(magnitude / 1000).append('.');
        return pad(text, magnitude % 1000, 3).toString();
    }

}
