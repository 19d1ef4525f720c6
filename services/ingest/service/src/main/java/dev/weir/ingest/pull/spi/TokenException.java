package dev.weir.ingest.pull.spi;

import java.io.IOException;

/**
 * Credentials that cannot be had (a token endpoint refusing the client, answering no
 * token): the run stops with this message, and the request is not retried.
 */
public class TokenException extends IOException {

    public TokenException(String message) {
        super(message);
    }

}
