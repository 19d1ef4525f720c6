package dev.weir.ingest.support;

import dev.weir.testing.upstreams.FhrsDataSet;

/**
 * The recorded FHRS slice in {@code src/test/resources/fhrs} (5 authorities, 733
 * establishments; see PROVENANCE.md), read by testing/upstreams' {@link FhrsDataSet}:
 * what the tests' FHRS upstreams serve, and the source truth the tests compare with.
 */
public final class FhrsSlice {

    /** The page size the tests' built-in FHRS connector asks for. */
    public static final int PAGE_SIZE = 50;

    private FhrsSlice() {
    }

    /** The slice, loaded once per test JVM. */
    public static FhrsDataSet dataSet() {
        return FhrsDataSet.classpath("/fhrs/authorities.json", "/fhrs/establishments.json.gz");
    }

}
