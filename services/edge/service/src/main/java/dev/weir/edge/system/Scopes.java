package dev.weir.edge.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

/** The scopes a key or client may be granted: one per kind of operation, and admin. */
public final class Scopes {

    /** Every scope, in the order the docs list them. */
    public static final List<String> ALL = List.of("retail.read", "retail.write", "events.write", "connectors.admin",
            "analytics.read", "pipeline.read", "admin");

    /**
     * The scope of the Analytics service's data (and of the customer summary's
     * analytics).
     */
    public static final String ANALYTICS_READ = "analytics.read";

    /** The scope of the admin API, which also grants every operation of every service. */
    public static final String ADMIN = "admin";

    private Scopes() {
    }

    /**
     * The scopes, checked: at least one, each known.
     * @throws WeirException (invalid) naming the unknown ones
     */
    public static Set<String> checked(Collection<String> scopes) {
        List<FieldError> errors = new ArrayList<>();
        if (scopes == null || scopes.isEmpty()) {
            errors.add(FieldError.body("scopes", "must name at least one scope (" + String.join(", ", ALL) + ")"));
        }
        else {
            for (String scope : scopes) {
                if (!ALL.contains(scope)) {
                    errors.add(FieldError.body("scopes",
                            "'" + scope + "' is not a scope (known: " + String.join(", ", ALL) + ")"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw WeirException.invalid(
                    errors.stream().map((e) -> e.field() + " " + e.detail()).collect(Collectors.joining("; ")), errors);
        }
        return Set.copyOf(scopes);
    }

}
