package dev.weir.edge.key;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A key just created: the only answer that carries it.
 *
 * @param apiKey the key's description
 * @param key the key itself, for the {@code X-API-Key} header: keep it, it is not shown
 * again
 */
public record CreatedApiKey(@JsonUnwrapped ApiKeyView apiKey, String key) {
}
