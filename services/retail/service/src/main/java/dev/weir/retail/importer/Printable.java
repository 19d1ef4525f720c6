package dev.weir.retail.importer;

import java.util.HexFormat;

/**
 * Values from a file as messages show them: never a raw byte a terminal would act on. A
 * bad file may hold anything (escape sequences that clear the screen or retitle the
 * window, NUL, bytes of another encoding), and messages about it end up on terminals and
 * in logs. Printable characters are shown as they are; control and format characters (C0,
 * DEL, C1, bidirectional overrides) as a backslash, {@code u} and four hex digits; bytes
 * that are not UTF-8 as {@code \xa3}; long values are cut.
 */
final class Printable {

    /** The most characters of a value a message shows. */
    static final int MAX_SHOWN = 60;

    private static final HexFormat HEX = HexFormat.of();

    private Printable() {
    }

    /** A file's bytes, in quotes, escaped and cut. */
    static String quoted(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder("'");
        int shown = 0;
        int i = from;
        while (i < to) {
            if (shown == MAX_SHOWN) {
                return out.append("...' (").append(to - from).append(" bytes)").toString();
            }
            int b = bytes[i] & 0xff;
            int length = utf8Length(bytes, i, to);
            if (length == 0) {
                out.append("\\x").append(HEX.toHexDigits((byte) b));
                i++;
            }
            else {
                int codePoint = new String(bytes, i, length, java.nio.charset.StandardCharsets.UTF_8).codePointAt(0);
                append(out, codePoint);
                i += length;
            }
            shown++;
        }
        return out.append('\'').toString();
    }

    /** Text, in quotes, escaped and cut. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < text.length();) {
            if (shown == MAX_SHOWN) {
                return out.append("...' (").append(text.length()).append(" characters)").toString();
            }
            int codePoint = text.codePointAt(i);
            append(out, codePoint);
            i += Character.charCount(codePoint);
            shown++;
        }
        return out.append('\'').toString();
    }

    /**
     * A message that may quote a file's values (a database's error, say): line breaks
     * kept, every other control or format character escaped.
     */
    static String message(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach((codePoint) -> {
            if (codePoint == '\n') {
                out.append('\n');
            }
            else {
                append(out, codePoint);
            }
        });
        return out.toString();
    }

    private static void append(StringBuilder out, int codePoint) {
        if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT
                || Character.getType(codePoint) == Character.SURROGATE
                || Character.getType(codePoint) == Character.PRIVATE_USE || codePoint == 0xFFFD) {
            out.append(String.format("\\u%04x", codePoint));
        }
        else {
            out.appendCodePoint(codePoint);
        }
    }

    /**
     * The length of the well-formed UTF-8 sequence at {@code i}, or 0 when the bytes
     * there are not one.
     */
    private static int utf8Length(byte[] bytes, int i, int to) {
        int b = bytes[i] & 0xff;
        if (b < 0x80) {
            return 1;
        }
        int length;
        int min;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
            min = 0x80;
        }
        else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            min = 0x800;
        }
        else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            min = 0x10000;
        }
        else {
            return 0;
        }
        if (i + length > to) {
            return 0;
        }
        int codePoint = b & (0x3F >> (length - 1));
        for (int k = 1; k < length; k++) {
            int c = bytes[i + k] & 0xff;
            if ((c & 0xC0) != 0x80) {
                return 0;
            }
            codePoint = (codePoint << 6) | (c & 0x3F);
        }
        if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            return 0;
        }
        return length;
    }

}
