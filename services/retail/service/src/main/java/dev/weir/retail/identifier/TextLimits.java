package dev.weir.retail.identifier;

/**
 * The longest text a client may give for the fields that are not identifiers, in
 * characters: the REST and gRPC requests and the bulk importer check the same limits.
 */
public final class TextLimits {

    /** A stock code's description (and a product's name). */
    public static final int DESCRIPTION = 200;

    /** A customer's country. */
    public static final int COUNTRY = 64;

    private TextLimits() {
    }

}
