package dev.weir.ingest.pull.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.weir.ingest.pull.spi.SecretResolver;

/**
 * The secrets of one run: resolves {@code ${env:NAME}} and {@code ${file:/path}}
 * references and masks every value it resolved (and every token it was told about) in any
 * text the engine writes: logs, reports, run history, Kafka headers, problems.
 */
public final class Secrets implements SecretResolver {

    /** What a masked secret looks like. */
    public static final String MASK = "****";

    static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    /** Values shorter than this are not masked: masking "1" would garble every number. */
    private static final int MIN_MASKED_LENGTH = 4;

    private final Function<String, String> environment;

    private final Set<String> values = ConcurrentHashMap.newKeySet();

    /**
     * @param environment looks up environment variables ({@code System::getenv} in
     * production)
     */
    public Secrets(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String resolve(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = lookup(matcher.group(1), matcher.group(2).strip());
            remember(value);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    @Override
    public void remember(String value) {
        if (value != null && value.length() >= MIN_MASKED_LENGTH) {
            this.values.add(value);
        }
    }

    /** The text with every known secret value replaced by {@link #MASK}. */
    public String mask(String text) {
        if (text == null || this.values.isEmpty()) {
            return text;
        }
        String masked = text;
        // longest first, so a secret containing another is masked whole
        for (String value : this.values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(value, MASK);
            String encoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
            if (!encoded.equals(value)) {
                masked = masked.replace(encoded, MASK).replace(encoded.replace("+", "%20"), MASK);
            }
        }
        return masked;
    }

    private String lookup(String kind, String name) {
        if (kind.equals("env")) {
            String value = this.environment.apply(name);
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + name + " is not set");
            }
            return value;
        }
        try {
            return Files.readString(Path.of(name)).strip();
        }
        catch (IOException | RuntimeException ex) {
            throw new IllegalArgumentException(
                    "cannot read secret file " + name + " (" + ex.getClass().getSimpleName() + ")");
        }
    }

    /** Whether the text is made of references only (safe to show as written). */
    static boolean isReferenceOnly(String text) {
        return text != null && !text.isEmpty() && REFERENCE.matcher(text).replaceAll("").isBlank();
    }

    /** Whether the text holds a reference. */
    static boolean hasReference(String text) {
        return text != null && REFERENCE.matcher(text).find();
    }

}
