package dev.weir.ingest.pull.spi;

import java.util.Objects;

/**
 * A stream of a connector, as the SPI names it: the engine asks a {@link Connector} for
 * the parts that read this stream's pages. A Java connector with several streams tells
 * them apart by {@link #name()}.
 *
 * @param connector the connector (its dataset)
 * @param name the stream's name, as in the definition and each record's
 * {@code weir-stream} header
 */
public record Stream(String connector, String name) {

    public Stream {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(name, "name");
    }

}
