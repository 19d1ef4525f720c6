package dev.weir.edge.route;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * The gateway's HTTP client: each call goes out through the client of the backend it is
 * for, with that backend's connect and response timeouts.
 */
final class BackendRequestFactory implements ClientHttpRequestFactory {

    private final Backends backends;

    BackendRequestFactory(Backends backends) {
        this.backends = backends;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
        Backend backend = this.backends.serving(uri)
            .orElseThrow(() -> new IllegalStateException("No backend serves " + uri.getHost() + ":" + uri.getPort()));
        return backend.requests().createRequest(uri, method);
    }

}
