package dev.weir.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FastGetRoutesTest {

    @Test
    void acceptsJsonForNoAcceptHeaderWildcardsAndJsonButNotForOtherTypesOrQZero() {
        assertThat(FastGetRoutes.acceptsJson(null)).isTrue();
        assertThat(FastGetRoutes.acceptsJson("*/*")).isTrue();
        assertThat(FastGetRoutes.acceptsJson("application/json")).isTrue();
        assertThat(FastGetRoutes.acceptsJson("text/html, application/*;q=0.8")).isTrue();
        assertThat(FastGetRoutes.acceptsJson("application/xml")).isFalse();
        assertThat(FastGetRoutes.acceptsJson("application/problem+json")).isFalse();
        assertThat(FastGetRoutes.acceptsJson("application/json;q=0")).isFalse();
        assertThat(FastGetRoutes.acceptsJson("application/json;q=0.5")).isTrue();
    }

    @Test
    void matchesIfNoneMatchListsWeakTagsAndStar() {
        assertThat(ConditionalGet.notModified(null, "\"a\"")).isFalse();
        assertThat(ConditionalGet.notModified("\"a\"", "\"a\"")).isTrue();
        assertThat(ConditionalGet.notModified("\"b\", \"a\"", "\"a\"")).isTrue();
        assertThat(ConditionalGet.notModified("W/\"a\"", "\"a\"")).isTrue();
        assertThat(ConditionalGet.notModified("*", "\"a\"")).isTrue();
        assertThat(ConditionalGet.notModified("\"b\"", "\"a\"")).isFalse();
    }

}
