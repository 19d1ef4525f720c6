package dev.weir.ingest.pull.spi;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** Picks the records out of a page's JSON body, in order. */
@FunctionalInterface
public interface RecordSelector {

    /**
     * The records of a page (none for an empty page).
     * @throws BadPageException when the page does not have the expected shape (the
     * selector finds nothing to select from); the page goes to the dead-letter topic
     */
    List<JsonNode> select(JsonNode body);

}
