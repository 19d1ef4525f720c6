package dev.weir.testing.upstreams;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real FHRS records an {@link FhrsUpstream} serves: the recorded
 * {@code GET /Authorities} response and the recorded establishments, held in memory once
 * per JVM and per file (loading the full set takes a second or two).
 * <p>
 * Establishments belong to the authority whose {@code LocalAuthorityIdCode} equals their
 * {@code LocalAuthorityCode}; within an authority they keep the order of the file. Every
 * record is kept as recorded, quirks included: duplicate FHRSIDs (62 in the full set),
 * {@code 1900-01-01} sentinel rating dates, rating values such as
 * {@code AwaitingInspection}, {@code Awaiting Inspection} and {@code Pass}.
 */
public final class FhrsDataSet {

    /** The recorded authorities, relative to the repository's {@code data/} folder. */
    public static final String AUTHORITIES = "fhrs/json/authorities.json";

    /**
     * The 39,779 recorded establishments, relative to the repository's {@code data/}
     * folder.
     */
    public static final String ESTABLISHMENTS = "fhrs/json/establishments_39779.json.gz";

    private static final String SLICE = "/dev/weir/testing/upstreams/data/fhrs/json/";

    private static final Map<Object, FhrsDataSet> loaded = new ConcurrentHashMap<>();

    // floats as BigDecimal, written plain: the served records keep the recorded digits
    static final JsonMapper json = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(tools.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();

    private final String name;

    private final byte[] authoritiesBody;

    private final ObjectNode authoritiesResponse;

    private final List<Authority> authorities;

    private final List<Establishment> establishments;

    private final Map<String, List<Establishment>> establishmentsByAuthorityCode;

    private final Map<Long, Establishment> firstByFhrsId;

    private final Map<Integer, List<Establishment>> establishmentsByAuthorityId;

    private FhrsDataSet(String name, byte[] authoritiesBody, List<Establishment> establishments) {
        this.name = name;
        this.authoritiesBody = authoritiesBody;
        this.authoritiesResponse = (ObjectNode) json.readTree(authoritiesBody);
        this.establishments = List.copyOf(establishments);
        Map<String, List<Establishment>> byCode = new HashMap<>();
        Map<Long, Establishment> byId = new HashMap<>();
        for (Establishment establishment : this.establishments) {
            byCode.computeIfAbsent(establishment.authorityCode(), (code) -> new ArrayList<>()).add(establishment);
            byId.putIfAbsent(establishment.fhrsId(), establishment);
        }
        byCode.replaceAll((code, list) -> List.copyOf(list));
        this.establishmentsByAuthorityCode = Map.copyOf(byCode);
        this.firstByFhrsId = Map.copyOf(byId);
        List<Authority> list = new ArrayList<>();
        for (JsonNode node : this.authoritiesResponse.path("authorities")) {
            String code = node.path("LocalAuthorityIdCode").asString();
            list.add(new Authority(node.path("LocalAuthorityId").asInt(), code, node.path("Name").asString(),
                    byCode.getOrDefault(code, List.of()).size()));
        }
        this.authorities = List.copyOf(list);
        Map<Integer, List<Establishment>> byAuthority = new HashMap<>();
        this.authorities.forEach((authority) -> byAuthority.put(authority.id(),
                this.establishmentsByAuthorityCode.getOrDefault(authority.code(), List.of())));
        this.establishmentsByAuthorityId = Map.copyOf(byAuthority);
    }

    /**
     * The full recorded data set from the repository's {@code data/} folder
     * ({@value #AUTHORITIES}, {@value #ESTABLISHMENTS}): 376 authorities, 39,779
     * establishments over 72 of them, 39,717 distinct FHRSIDs.
     * @throws IllegalStateException when the folder or a file is missing
     */
    public static FhrsDataSet full() {
        return full(RecordedData.locate());
    }

    /**
     * The full recorded data set from a copy of the repository's {@code data/} folder.
     * @param data the folder holding {@value #AUTHORITIES} and {@value #ESTABLISHMENTS}
     * @throws IllegalStateException when a file is missing
     */
    public static FhrsDataSet full(Path data) {
        return load(RecordedData.file(data, AUTHORITIES), RecordedData.file(data, ESTABLISHMENTS));
    }

    /**
     * A small slice bundled in this jar (see {@code PROVENANCE.md} next to it): 6
     * authorities, 4 of them with establishments (235 records, 3 FHRSIDs twice, Scottish
     * {@code Pass}/{@code Awaiting Inspection} ratings, one {@code 1900-01-01} date). For
     * fast tests that need no data files.
     */
    public static FhrsDataSet slice() {
        return loaded.computeIfAbsent("slice", (key) -> read("slice", () -> resource(SLICE + "authorities_slice.json"),
                () -> resource(SLICE + "establishments_slice.json.gz")));
    }

    /**
     * A data set from a recorded {@code /Authorities} response and a JSON array of
     * establishments (gzip-compressed when the name ends in {@code .gz}); loaded once per
     * JVM for the same two files.
     */
    public static FhrsDataSet load(Path authoritiesJson, Path establishmentsJson) {
        Path authorities = authoritiesJson.toAbsolutePath().normalize();
        Path establishments = establishmentsJson.toAbsolutePath().normalize();
        return loaded.computeIfAbsent(List.of(authorities, establishments),
                (key) -> read(establishments.getFileName().toString(), () -> open(authorities),
                        () -> open(establishments)));
    }

    /**
     * A data set from two classpath resources, named as {@link Class#getResource} takes
     * absolute names ({@code /fhrs/authorities.json}): a recorded {@code /Authorities}
     * response and a JSON array of establishments (gzip-compressed when the name ends in
     * {@code .gz}). For a slice a test module keeps in its own resources; loaded once per
     * JVM for the same two names.
     * @throws IllegalStateException naming a resource that is not on the classpath
     */
    public static FhrsDataSet classpath(String authoritiesResource, String establishmentsResource) {
        return loaded.computeIfAbsent(List.of("classpath", authoritiesResource, establishmentsResource),
                (key) -> read(establishmentsResource, () -> resource(authoritiesResource),
                        () -> resource(establishmentsResource)));
    }

    private static FhrsDataSet read(String name, Supplier<InputStream> authorities,
            Supplier<InputStream> establishments) {
        try (InputStream in = authorities.get()) {
            byte[] authoritiesBody = in.readAllBytes();
            return new FhrsDataSet(name, authoritiesBody, readEstablishments(establishments, name));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the FHRS data set " + name, ex);
        }
    }

    private static List<Establishment> readEstablishments(Supplier<InputStream> source, String name)
            throws IOException {
        List<Establishment> establishments = new ArrayList<>(40_000);
        // one element at a time: the rest of the array follows each
        ObjectReader element = json.readerFor(ObjectNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (InputStream in = source.get(); JsonParser parser = json.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("The FHRS establishments file " + name + " is not a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                ObjectNode record = element.readValue(parser);
                establishments.add(Establishment.of(record));
            }
        }
        return establishments;
    }

    private static InputStream open(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot open " + file, ex);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = FhrsDataSet.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + name);
        }
        try {
            return name.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot open " + name, ex);
        }
    }

    /**
     * This data set with at most the first {@code n} establishments of each authority, in
     * the recorded order, and all of its authorities: an authority with more
     * establishments then has exactly {@code n}, so a known number of full pages. Not
     * cached.
     */
    public FhrsDataSet limitPerAuthority(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("limitPerAuthority needs at least 1, not " + n);
        }
        Map<String, Integer> kept = new HashMap<>();
        List<Establishment> first = this.establishments.stream()
            .filter((establishment) -> kept.merge(establishment.authorityCode(), 1, Integer::sum) <= n)
            .toList();
        return new FhrsDataSet(this.name + ", at most " + n + " per authority", this.authoritiesBody, first);
    }

    /**
     * All recorded authorities, in the recorded order, each with its number of
     * establishments in this set.
     */
    public List<Authority> authorities() {
        return this.authorities;
    }

    /** The authorities that have at least one establishment in this set. */
    public List<Authority> authoritiesWithEstablishments() {
        return this.authorities.stream().filter((authority) -> authority.establishments() > 0).toList();
    }

    /** The number of establishment records, duplicates included. */
    public int establishmentCount() {
        return this.establishments.size();
    }

    /**
     * Every establishment record as recorded, in the recorded order, duplicates included:
     * what a test compares the records it received with. Parsed anew on each call (floats
     * as {@code BigDecimal}), so the caller may change them.
     */
    public List<JsonNode> establishmentRecords() {
        return this.establishments.stream().map((establishment) -> json.readTree(establishment.json())).toList();
    }

    /** The distinct FHRSIDs: what a consumer that dedupes by key ends up with. */
    public Set<Long> distinctFhrsIds() {
        return Collections.unmodifiableSet(this.firstByFhrsId.keySet());
    }

    /** The FHRSIDs that occur more than once, each with its number of records. */
    public Map<Long, Integer> duplicateFhrsIds() {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        for (Establishment establishment : this.establishments) {
            counts.merge(establishment.fhrsId(), 1, Integer::sum);
        }
        counts.values().removeIf((count) -> count < 2);
        return counts;
    }

    @Override
    public String toString() {
        return "FHRS data set " + this.name + " (" + this.authorities.size() + " authorities, "
                + this.establishments.size() + " establishments)";
    }

    byte[] authoritiesBody() {
        return this.authoritiesBody;
    }

    ObjectNode authoritiesResponse() {
        return this.authoritiesResponse;
    }

    List<Establishment> establishments() {
        return this.establishments;
    }

    /**
     * The establishments of the authority with this {@code LocalAuthorityId}, or none.
     */
    List<Establishment> establishmentsOf(int authorityId) {
        return this.establishmentsByAuthorityId.getOrDefault(authorityId, List.of());
    }

    Establishment establishment(long fhrsId) {
        return this.firstByFhrsId.get(fhrsId);
    }

    /**
     * A recorded local authority.
     *
     * @param id its {@code LocalAuthorityId}, the {@code localAuthorityId} of
     * {@code GET /Establishments}
     * @param code its {@code LocalAuthorityIdCode}, which establishments carry as
     * {@code LocalAuthorityCode}
     * @param name its name
     * @param establishments its number of establishments in this data set (not the
     * recorded {@code EstablishmentCount}, which counts the authority's real total at
     * recording time)
     */
    public record Authority(int id, String code, String name, int establishments) {
    }

    /**
     * One recorded establishment: the fields the upstream routes by, and the record
     * itself as compact JSON.
     */
    record Establishment(long fhrsId, String authorityCode, int businessTypeId, String businessType, String ratingValue,
            String ratingKey, byte[] json) {

        static Establishment of(ObjectNode record) {
            return new Establishment(record.path("FHRSID").asLong(),
                    Objects.requireNonNull(record.path("LocalAuthorityCode").asString()),
                    record.path("BusinessTypeID").asInt(), record.path("BusinessType").asString(),
                    record.path("RatingValue").asString(), record.path("RatingKey").asString(),
                    FhrsDataSet.json.writeValueAsBytes(record));
        }

    }

}
