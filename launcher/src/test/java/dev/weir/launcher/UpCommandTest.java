package dev.weir.launcher;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arguments {@code weir up} gives a service: exclusions asked for by several services
 * are merged into one argument (of several, Spring would read only one).
 */
class UpCommandTest {

    @Test
    void mergesEveryExclusionIntoOneArgument() {
        List<String> merged = UpCommand.mergedExclusions(List.of("--spring.autoconfigure.exclude=a.A,b.B", "--weir.x=1",
                "--spring.autoconfigure.exclude=c.C, a.A", "--weir.y=2"));
        assertThat(merged).containsExactly("--weir.x=1", "--weir.y=2", "--spring.autoconfigure.exclude=a.A,b.B,c.C");
    }

    @Test
    void leavesArgumentsWithoutExclusionsAlone() {
        assertThat(UpCommand.mergedExclusions(List.of("--weir.x=1"))).containsExactly("--weir.x=1");
    }

}
