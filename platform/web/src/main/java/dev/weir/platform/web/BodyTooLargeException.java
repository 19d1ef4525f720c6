package dev.weir.platform.web;

/**
 * Thrown while reading a request body that exceeds the configured limit (413
 * {@code payload-too-large}).
 */
public final class BodyTooLargeException extends ClientBodyException {

    BodyTooLargeException(long limit) {
        super("The request body exceeds the limit of " + limit + " bytes.", null);
    }

}
