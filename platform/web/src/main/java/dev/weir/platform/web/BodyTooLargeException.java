package dev.weir.platform.web;

import java.io.IOException;

/** Thrown while reading a request body that exceeds the configured limit. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("The request body exceeds the limit of " + limit + " bytes.");
    }

}
