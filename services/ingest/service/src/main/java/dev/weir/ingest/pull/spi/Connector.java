package dev.weir.ingest.pull.spi;

/**
 * The parts of a pull connector that read an API: per stream a {@link Paginator} and a
 * {@link RecordSelector}, and one {@link Authenticator}. The engine asks for a stream's
 * parts once per run, and for the authenticator once per run, with the run's secrets;
 * everything else (budget, retries, fingerprints, checkpoints, Kafka) is the engine's.
 * <p>
 * The declarative kinds a YAML definition names implement these parts; a Java connector
 * usually takes them from its definition and overrides the one part no kind covers (see
 * {@code dev.weir.ingest.pull.kinds.DeclarativeConnector}).
 */
public interface Connector {

    /** The connector's name: its dataset ({@code weir.raw.<name>}). */
    String name();

    /** How the pages of {@code stream} follow each other. */
    Paginator paginator(Stream stream);

    /** Which parts of a page of {@code stream} are its records. */
    RecordSelector records(Stream stream);

    /**
     * How requests carry credentials, for one run.
     * @param secrets resolves {@code ${env:NAME}} and {@code ${file:path}} references and
     * remembers the values, so the engine can mask them in everything it writes
     * @param tokens sends requests that are not pages (an OAuth2 token request)
     */
    Authenticator authenticator(SecretResolver secrets, TokenClient tokens);

}
