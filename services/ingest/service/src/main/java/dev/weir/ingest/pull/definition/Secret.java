package dev.weir.ingest.pull.definition;

/**
 * A secret option's value as written in the definition: a reference ({@code ${env:NAME}},
 * {@code ${file:/path}}) or, discouraged, the secret itself. Its {@link #toString()}
 * never shows a literal secret, so logging a configuration cannot leak one.
 *
 * @param value the text as written
 */
public record Secret(String value) {

    /** What may be shown of the value: the reference, or {@code ****}. */
    public String masked() {
        return Secrets.isReferenceOnly(this.value) ? this.value : Secrets.MASK;
    }

    @Override
    public String toString() {
        return masked();
    }

}
