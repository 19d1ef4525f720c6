package dev.weir.edge.client;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A client just registered: the only answer that carries its secret.
 *
 * @param client the client
 * @param clientSecret its secret: keep it, it is not shown again
 */
public record CreatedClient(@JsonUnwrapped ClientView client, String clientSecret) {
}
