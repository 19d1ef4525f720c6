package dev.weir.ingest.pull.definition;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.unit.DataSize;

import dev.weir.ingest.pull.definition.ConnectorConfig.BadPagePolicy;
import dev.weir.ingest.pull.definition.StreamConfig.RecordsType;
import tools.jackson.databind.JsonNode;

/**
 * Reads a definition's JSON tree into a {@link ConnectorConfig}, declaring each option
 * once (name, type, default, limits) and collecting every problem with its path. The
 * defaults here are the ones {@code docs/connectors.md} lists.
 */
final class DefinitionReader {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,59}");

    static final Pattern STREAM_NAME = Pattern.compile("[a-z0-9][a-z0-9_]{0,59}");

    static final Pattern BINDING = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Duration MAX_DURATION = Duration.ofDays(365);

    private final List<DefinitionProblem> problems = new ArrayList<>();

    private final OptionIndex index = new OptionIndex();

    /** The result of a reading: the config when there were no problems. */
    record Result(ConnectorConfig config, List<DefinitionProblem> problems, OptionIndex index) {

        boolean valid() {
            return this.problems.isEmpty();
        }

    }

    static Result read(JsonNode tree) {
        DefinitionReader reader = new DefinitionReader();
        ConnectorConfig config = reader.connector(new ConfigReader(tree, "", reader.problems, reader.index));
        if (tree == null || !tree.isObject()) {
            reader.problems.add(0, new DefinitionProblem("(definition)", "must be an object of options"));
        }
        return new Result(reader.problems.isEmpty() ? config : null, List.copyOf(reader.problems), reader.index);
    }

    private ConnectorConfig connector(ConfigReader r) {
        String name = r.requiredText("name");
        if (name != null && !NAME.matcher(name).matches()) {
            r.problem("name", "must be 1 to 60 lower case letters, digits, _ and - (it names topics weir.raw.<name>)");
        }
        String description = r.text("description", "");
        URI baseUrl = r.url("base_url", true);
        Map<String, String> headers = r.textMap("headers");
        Map<String, String> params = r.textMap("params");
        checkReferences(r, "headers", headers);
        checkReferences(r, "params", params);
        AuthConfig auth = auth(r.object("auth"));
        ConfigReader b = r.object("budget");
        var budget = new ConnectorConfig.Budget(b.number("requests_per_second", 5, 0.001, 10_000),
                b.integer("concurrency", 2, 1, 64));
        b.finish();
        ConfigReader t = r.object("timeouts");
        var timeouts = new ConnectorConfig.Timeouts(
                t.duration("connect", Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMinutes(10)),
                t.duration("read", Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofHours(1)));
        t.finish();
        ConfigReader rt = r.object("retry");
        var retry = new ConnectorConfig.Retry(rt.integer("max_attempts", 5, 1, 50),
                rt.duration("initial_backoff", Duration.ofMillis(500), Duration.ofMillis(1), Duration.ofHours(1)),
                rt.duration("max_backoff", Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofHours(6)),
                rt.duration("max_retry_after", Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(6)));
        if (retry.initialBackoff().compareTo(retry.maxBackoff()) > 0) {
            rt.problem("initial_backoff", "must not be greater than max_backoff");
        }
        rt.finish();
        BadPagePolicy onBadPage = r.choice("on_bad_page", BadPagePolicy.CONTINUE, BadPagePolicy.class);
        ZoneId[] scheduleZone = { ConnectorConfig.UTC };
        String schedule = schedule(r, scheduleZone);
        Duration fingerprintTtl = r.duration("fingerprint_ttl", Duration.ofHours(1), Duration.ZERO, MAX_DURATION);
        DataSize maxPageSize = r.dataSize("max_page_size", DataSize.ofMegabytes(16), DataSize.ofKilobytes(1),
                DataSize.ofMegabytes(512));
        List<StreamConfig> streams = new ArrayList<>();
        List<ConfigReader> streamReaders = r.objects("streams");
        if (streamReaders.isEmpty() && !r.has("streams")) {
            r.problem("streams", "is required: at least one stream");
        }
        Set<String> declared = new HashSet<>();
        for (ConfigReader s : streamReaders) {
            StreamConfig stream = stream(s, declared, streams);
            if (stream != null) {
                streams.add(stream);
                declared.add(stream.name());
            }
        }
        r.finish();
        return new ConnectorConfig(name, description, baseUrl, headers, params, auth, budget, timeouts, retry,
                onBadPage, schedule, scheduleZone[0], fingerprintTtl, maxPageSize, streams);
    }

    /**
     * The schedule: a cron expression as data engineers write it, five fields (minute
     * hour day-of-month month day-of-week, as crontab: {@code "*\/15 * * * *"}), or
     * Spring's six (seconds first), or a macro ({@code @hourly}); alone
     * ({@code schedule: "0 6 * * *"}, UTC) or with its time zone ({@code schedule: {cron:
     * "0 6 * * *", zone: Europe/London}}). {@code none} or absent: no schedule.
     * @return the Spring cron expression (six fields), or null; {@code zone[0]} is set to
     * the zone
     */
    private static String schedule(ConfigReader r, ZoneId[] zone) {
        String cron;
        ConfigReader at = r;
        String key = "schedule";
        if (r.isObject("schedule")) {
            at = r.object("schedule");
            key = "cron";
            cron = at.requiredText("cron");
            String zoneText = at.text("zone", "UTC");
            try {
                zone[0] = ZoneId.of(zoneText.strip());
            }
            catch (java.time.DateTimeException ex) {
                at.problem("zone", "is not a time zone (a region such as Europe/London, or UTC, or an offset such as "
                        + "+01:00): " + zoneText);
            }
            at.finish();
        }
        else {
            cron = r.text("schedule", null);
        }
        if (cron == null || cron.isBlank() || "none".equals(cron.strip())) {
            return null;
        }
        String spring = springCron(cron.strip());
        try {
            CronExpression.parse(spring);
        }
        catch (IllegalArgumentException ex) {
            at.problem(key, "is not a cron expression: five fields (minute hour day-of-month month day-of-week, e.g. "
                    + "'*/15 * * * *'), six with seconds first (e.g. '0 0 3 * * *') or a macro (@hourly, @daily): "
                    + ex.getMessage());
            return null;
        }
        return spring;
    }

    /** Five fields (crontab) become Spring's six, at second 0; anything else is kept. */
    static String springCron(String cron) {
        return (!cron.startsWith("@") && cron.split("\\s+").length == 5) ? "0 " + cron : cron;
    }

    private AuthConfig auth(ConfigReader a) {
        AuthType type = a.choice("type", AuthType.NONE, AuthType.class);
        AuthConfig auth = switch (type) {
            case NONE -> new AuthConfig.None();
            case API_KEY ->
                new AuthConfig.ApiKey(a.choice("in", AuthConfig.KeyLocation.HEADER, AuthConfig.KeyLocation.class),
                        a.requiredText("name"), secret(a, "value"));
            case BEARER -> new AuthConfig.Bearer(secret(a, "token"));
            case BASIC -> new AuthConfig.Basic(a.requiredText("username"), secret(a, "password"));
            case OAUTH2_CLIENT_CREDENTIALS -> new AuthConfig.OAuth2ClientCredentials(a.url("token_url", true),
                    a.requiredText("client_id"), secret(a, "client_secret"), a.text("scope", null),
                    a.choice("client_auth", AuthConfig.ClientAuth.BASIC, AuthConfig.ClientAuth.class));
        };
        a.finish();
        return auth;
    }

    private Secret secret(ConfigReader a, String key) {
        String value = a.requiredText(key);
        return (value != null) ? new Secret(value) : null;
    }

    private StreamConfig stream(ConfigReader s, Set<String> declared, List<StreamConfig> earlier) {
        String name = s.requiredText("name");
        if (name != null && !STREAM_NAME.matcher(name).matches()) {
            s.problem("name", "must be 1 to 60 lower case letters, digits and _");
        }
        else if (name != null && declared.contains(name)) {
            s.problem("name", "'" + name + "' is the name of an earlier stream: stream names must be unique");
        }
        String path = s.requiredText("path");
        Map<String, String> params = s.textMap("params");
        Map<String, String> headers = s.textMap("headers");
        checkReferences(s, "params", params);
        checkReferences(s, "headers", headers);
        StreamConfig.Records records = records(s);
        List<String> primaryKey = s.textList("primary_key");
        if (primaryKey.isEmpty() && !s.has("primary_key")) {
            s.problem("primary_key", "is required: the field (or list of fields) naming a record, its Kafka key");
        }
        PaginationConfig paginate = paginate(s.object("paginate"));
        StreamConfig.Parent parent = null;
        ConfigReader p = s.object("parent");
        if (p.present()) {
            String parentName = p.requiredText("stream");
            String as = p.text("as", parentName);
            if (parentName != null && !declared.contains(parentName)) {
                p.problem("stream", "'" + parentName + "' is not a stream declared before this one");
            }
            if (as != null && !BINDING.matcher(as).matches()) {
                p.problem("as", "must be a name (letters, digits, _)");
            }
            p.finish();
            parent = new StreamConfig.Parent(parentName, as);
        }
        StreamConfig.ForEach forEach = null;
        ConfigReader f = s.object("for_each");
        if (f.present()) {
            String as = f.requiredText("as");
            if (as != null && !BINDING.matcher(as).matches()) {
                f.problem("as", "must be a name (letters, digits, _)");
            }
            List<JsonNode> values = f.values("values");
            if (values.isEmpty()) {
                f.problem("values", "is required: a non-empty list of objects");
            }
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).isObject()) {
                    this.problems.add(new DefinitionProblem(f.path("values") + "[" + i + "]",
                            "must be an object (its fields are used as {{" + as + ".field}})"));
                }
            }
            f.finish();
            forEach = new StreamConfig.ForEach(as, values);
        }
        if (parent != null && forEach != null) {
            s.problem("for_each", "cannot be used with parent: a stream is partitioned by one or the other");
        }
        StreamConfig.Incremental incremental = null;
        ConfigReader i = s.object("incremental");
        if (i.present()) {
            incremental = new StreamConfig.Incremental(i.requiredText("cursor_field"), i.text("param", null));
            i.finish();
        }
        Map<String, String> addFields = s.textMap("add_fields");
        String timeField = s.text("time_field", null);
        s.finish();
        String binding = (parent != null) ? parent.as() : (forEach != null) ? forEach.as() : null;
        checkTemplates(s, "path", Map.of("", nullToEmpty(path)), binding);
        checkTemplates(s, "params", params, binding);
        checkTemplates(s, "headers", headers, binding);
        checkTemplates(s, "add_fields", addFields, binding);
        if (name == null || path == null || records == null) {
            return null;
        }
        return new StreamConfig(name, path, params, headers, records, primaryKey, paginate, parent, forEach,
                incremental, addFields, timeField);
    }

    private StreamConfig.Records records(ConfigReader s) {
        JsonNode value = s.raw("records", OptionIndex.Kind.VALUE);
        if (value == null) {
            s.problem("records", "is required: a JSONPath to the records, e.g. $.items[*]");
            return null;
        }
        if (value.isString()) {
            return jsonPath(s, "records", value.asString())
                    ? new StreamConfig.Records(RecordsType.JSONPATH, value.asString()) : null;
        }
        if (!value.isObject()) {
            s.problem("records", "must be a JSONPath or an object {type, path}");
            return null;
        }
        ConfigReader r = new ConfigReader(value, s.path("records"), this.problems, new OptionIndex());
        RecordsType type = r.choice("type", RecordsType.JSONPATH, RecordsType.class);
        String path = r.requiredText("path");
        r.finish();
        return (path != null && jsonPath(r, "path", path)) ? new StreamConfig.Records(type, path) : null;
    }

    private PaginationConfig paginate(ConfigReader p) {
        PaginationType type = p.choice("type", PaginationType.NONE, PaginationType.class);
        PaginationConfig paginate = switch (type) {
            case NONE -> new PaginationConfig.None();
            case PAGE_NUMBER -> {
                String sizeParam = p.text("size_param", null);
                int size = p.integer("size", 0, 0, 1_000_000);
                if (sizeParam != null && size == 0) {
                    p.problem("size", "is required with size_param");
                }
                String total = p.text("total_pages", null);
                yield new PaginationConfig.PageNumber(p.requiredText("param"), p.longValue("start", 1, 0, 1_000_000),
                        sizeParam, size, optionalPath(p, "total_pages", total));
            }
            case OFFSET -> new PaginationConfig.Offset(p.requiredText("param"), p.requiredText("limit_param"),
                    requiredPositive(p, "limit"), optionalPath(p, "total", p.text("total", null)));
            case CURSOR -> {
                String param = p.requiredText("param");
                String cursor = p.requiredText("cursor");
                yield new PaginationConfig.Cursor(param, optionalPath(p, "cursor", cursor));
            }
            case NEXT_LINK -> {
                PaginationConfig.LinkSource from = p.choice("from", PaginationConfig.LinkSource.BODY,
                        PaginationConfig.LinkSource.class);
                String path = (from == PaginationConfig.LinkSource.BODY) ? p.requiredText("path")
                        : p.text("path", null);
                if (from == PaginationConfig.LinkSource.HEADER && path != null) {
                    p.problem("path", "is not used with from: header (the link is the Link header's rel=\"next\")");
                }
                yield new PaginationConfig.NextLink(from, optionalPath(p, "path", path));
            }
        };
        p.finish();
        return paginate;
    }

    private int requiredPositive(ConfigReader p, String key) {
        if (!p.has(key)) {
            p.raw(key, OptionIndex.Kind.VALUE);
            p.problem(key, "is required");
            return 1;
        }
        return p.integer(key, 1, 1, 1_000_000);
    }

    private String optionalPath(ConfigReader r, String key, String path) {
        return (path != null && jsonPath(r, key, path)) ? path : null;
    }

    private boolean jsonPath(ConfigReader r, String key, String path) {
        try {
            JsonPath.compile(path);
            return true;
        }
        catch (InvalidPathException | IllegalArgumentException ex) {
            r.problem(key, "is not a valid JSONPath: " + ex.getMessage());
            return false;
        }
    }

    private void checkTemplates(ConfigReader s, String key, Map<String, String> values, String binding) {
        values.forEach((name, value) -> {
            String where = name.isEmpty() ? key : key + "." + name;
            if (Templates.malformed(value)) {
                s.problem(where, "has a malformed placeholder: write {{name.field}}");
            }
            for (String root : Templates.roots(value)) {
                if (!root.equals(binding)) {
                    s.problem(where,
                            "{{" + root + "...}} refers to '" + root + "', which is not bound here" + ((binding != null)
                                    ? " (bound: " + binding + ")" : " (bind a name with parent.as or for_each.as)"));
                }
            }
        });
    }

    private void checkReferences(ConfigReader r, String key, Map<String, String> values) {
        values.forEach((name, value) -> {
            if (value.contains("${") && !Secrets.hasReference(value)) {
                r.problem(key + "." + name, "has a malformed secret reference: write ${env:NAME} or ${file:/path}");
            }
        });
    }

    private static String nullToEmpty(String text) {
        return (text != null) ? text : "";
    }

    enum AuthType {

        NONE, API_KEY, BEARER, BASIC, OAUTH2_CLIENT_CREDENTIALS

    }

    enum PaginationType {

        NONE, PAGE_NUMBER, OFFSET, CURSOR, NEXT_LINK

    }

}
