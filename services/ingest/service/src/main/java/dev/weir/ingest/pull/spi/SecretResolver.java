package dev.weir.ingest.pull.spi;

/**
 * Resolves secret references in a definition's values: {@code ${env:NAME}} (an
 * environment variable) and {@code ${file:/path}} (a file's content, trimmed), anywhere
 * in the text ({@code "Bearer ${env:TOKEN}"}). Text without references is returned as is.
 * Every value resolved is remembered so that it is masked wherever the engine writes.
 */
public interface SecretResolver {

    /**
     * The text with its references replaced.
     * @throws IllegalArgumentException when a variable is not set or a file cannot be
     * read; the message names the reference, never a value
     */
    String resolve(String text);

    /**
     * Remembers a value obtained with secrets (a token) so that it is masked too.
     */
    void remember(String value);

}
