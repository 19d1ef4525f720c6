package dev.weir.retail.importer;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The Online Retail test files (see src/test/resources/online-retail/PROVENANCE.md). */
final class TestFiles {

    /** The header and the first 10,000 rows of the UCI file. */
    static final Path SAMPLE = resource("online_retail_sample.csv");

    /** 402 rows in the UCI layout, with £ rows. */
    static final Path SLICE_UCI = resource("online_retail_slice_uci.csv");

    /** The same 402 rows in Kaggle's layout: ISO-8859-1, CRLF. */
    static final Path SLICE_KAGGLE = resource("online_retail_slice_kaggle.csv");

    private TestFiles() {
    }

    private static Path resource(String name) {
        URL url = TestFiles.class.getResource("/online-retail/" + name);
        if (url == null) {
            throw new IllegalStateException("Missing test resource online-retail/" + name);
        }
        try {
            return Path.of(url.toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
