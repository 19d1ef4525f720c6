/**
 * The small plug-in point of pull connectors, with value types of its own (it imports
 * nothing of the YAML definitions nor of the engine). A connector is a {@link Connector}:
 * per {@link Stream} a {@link Paginator} and a {@link RecordSelector}, and one
 * {@link Authenticator}. The declarative kinds a YAML definition names
 * ({@code page_number}, {@code jsonpath}, {@code oauth2_client_credentials}, ...) are
 * implementations of these interfaces; a truly unusual API implements one of them in Java
 * and leaves the rest to the definition. The engine owns everything else (budget,
 * retries, fingerprints, checkpoints, Kafka), so no connector can skip it.
 */
package dev.weir.ingest.pull.spi;
