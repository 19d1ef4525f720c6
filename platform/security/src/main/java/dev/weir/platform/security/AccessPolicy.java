package dev.weir.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which scope an operation needs: none for the public ones (health, the API documents),
 * the scope of the first matching rule otherwise, and the admin scope for everything no
 * rule names. The admin scope grants every operation.
 */
public final class AccessPolicy {

    /** What {@link #requiredScope} answers for an operation open to everyone. */
    public static final String PUBLIC = "";

    private final List<PathPattern> publicPaths;

    private final List<Pattern> publicGrpc;

    private final List<HttpRule> httpRules = new ArrayList<>();

    private final List<GrpcRule> grpcRules = new ArrayList<>();

    private final String adminScope;

    public AccessPolicy(WeirSecurityProperties properties) {
        PathPatternParser parser = new PathPatternParser();
        this.publicPaths = properties.publicPaths().stream().map(parser::parse).toList();
        this.publicGrpc = properties.publicGrpc().stream().map(AccessPolicy::glob).toList();
        this.adminScope = properties.adminScope();
        for (WeirSecurityProperties.Operation operation : properties.operations()) {
            for (String rule : operation.http()) {
                this.httpRules.add(HttpRule.parse(rule, operation.scope(), parser));
            }
            for (String rule : operation.grpc()) {
                this.grpcRules.add(new GrpcRule(glob(rule), operation.scope()));
            }
        }
    }

    /**
     * The scope {@code method path} needs, or {@link #PUBLIC}.
     * @param path the request's path, decoded and normalised (no {@code .} or {@code ..}
     * segments)
     */
    public String requiredScope(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (PathPattern pattern : this.publicPaths) {
            if (pattern.matches(container)) {
                return PUBLIC;
            }
        }
        String upper = method.toUpperCase(Locale.ROOT);
        for (HttpRule rule : this.httpRules) {
            if (rule.methods().contains(upper) && rule.path().matches(container)) {
                return rule.scope();
            }
        }
        return this.adminScope;
    }

    /** The scope a gRPC method ({@code service/method}) needs, or {@link #PUBLIC}. */
    public String requiredGrpcScope(String fullMethodName) {
        for (Pattern pattern : this.publicGrpc) {
            if (pattern.matcher(fullMethodName).matches()) {
                return PUBLIC;
            }
        }
        for (GrpcRule rule : this.grpcRules) {
            if (rule.method().matcher(fullMethodName).matches()) {
                return rule.scope();
            }
        }
        return this.adminScope;
    }

    /**
     * Whether a caller with {@code scopes} may call an operation needing {@code scope}.
     */
    public boolean grants(Set<String> scopes, String scope) {
        return scope.isEmpty() || scopes.contains(scope) || scopes.contains(this.adminScope);
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private record HttpRule(Set<String> methods, PathPattern path, String scope) {

        static HttpRule parse(String rule, String scope, PathPatternParser parser) {
            String[] parts = rule.strip().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("weir.security.operations: '" + rule
                        + "' is not 'METHODS /path/pattern' (for scope " + scope + ")");
            }
            Set<String> methods = Set.of(parts[0].toUpperCase(Locale.ROOT).split(","));
            return new HttpRule(methods, parser.parse(parts[1]), scope);
        }

    }

    private record GrpcRule(Pattern method, String scope) {
    }

}
