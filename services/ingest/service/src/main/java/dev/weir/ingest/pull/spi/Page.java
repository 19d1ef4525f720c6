package dev.weir.ingest.pull.spi;

import java.net.URI;
import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/**
 * A page as the upstream answered it: the URL it was fetched from (without credentials),
 * the status, the headers and the body read as JSON.
 */
public record Page(URI url, int status, HttpHeaders headers, JsonNode body) {

}
