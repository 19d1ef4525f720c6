package dev.weir.ingest.pull.run;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {

    @Test
    void theSamePageIsTheSameFingerprintWhateverTheOrderOfItsParameters() {
        RequestFingerprint a = RequestFingerprint
            .ofGet(URI.create("https://API.example.com:443/Establishments?pageNumber=2&localAuthorityId=95#top"));
        RequestFingerprint b = RequestFingerprint
            .ofGet(URI.create("https://api.example.com/Establishments?localAuthorityId=95&pageNumber=2"));
        assertThat(a).isEqualTo(b);
        assertThat(a.value()).matches("[0-9a-f]{64}");
    }

    @Test
    void anotherPageOrMethodOrBodyIsAnotherFingerprint() {
        URI page2 = URI.create("https://api.example.com/Establishments?localAuthorityId=95&pageNumber=2");
        URI page3 = URI.create("https://api.example.com/Establishments?localAuthorityId=95&pageNumber=3");
        assertThat(RequestFingerprint.ofGet(page2)).isNotEqualTo(RequestFingerprint.ofGet(page3));
        assertThat(RequestFingerprint.ofGet(page2)).isNotEqualTo(RequestFingerprint.of("POST", page2, new byte[0]));
        assertThat(RequestFingerprint.of("POST", page2, "a".getBytes()))
            .isNotEqualTo(RequestFingerprint.of("POST", page2, "b".getBytes()));
        assertThat(RequestFingerprint.ofGet(URI.create("https://api.example.com/a?x=1")))
            .isNotEqualTo(RequestFingerprint.ofGet(URI.create("http://api.example.com/a?x=1")));
    }

}
