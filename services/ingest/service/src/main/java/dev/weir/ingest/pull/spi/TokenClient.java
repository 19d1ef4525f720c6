package dev.weir.ingest.pull.spi;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Sends the few requests a connector makes that are not pages, such as an OAuth2 token
 * request: an HTML form POST, with the connector's timeouts and within its request
 * budget. POSTs are not retried.
 */
public interface TokenClient {

    /**
     * Posts a form and returns the response.
     * @throws IOException on I/O errors and timeouts
     */
    Response postForm(URI uri, Map<String, String> headers, Map<String, String> form)
            throws IOException, InterruptedException;

    /** A response: status and body text. */
    record Response(int status, String body) {
    }

}
