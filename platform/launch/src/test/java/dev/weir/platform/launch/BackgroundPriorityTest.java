package dev.weir.platform.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackgroundPriorityTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void raisesTheNiceValueOfTheCallingThreadOnceAsTheKernelSeesIt() throws Exception {
        int mine = niceOfThisThread();
        AtomicReference<int[]> seen = new AtomicReference<>();
        Thread background = Thread.ofPlatform().start(() -> {
            int before = niceOfThisThread();
            OptionalInt lowered = BackgroundPriority.lowerCurrentThread(5);
            OptionalInt again = BackgroundPriority.lowerCurrentThread(5);
            seen.set(new int[] { before, lowered.orElse(Integer.MIN_VALUE), niceOfThisThread(),
                    again.orElse(Integer.MIN_VALUE) });
        });
        background.join();
        int[] nice = seen.get();
        if (nice[0] < 19) {
            assertThat(nice[1]).as("the nice value it says").isEqualTo(Math.min(19, nice[0] + 5));
            assertThat(nice[3]).as("a second call lowers it no further").isEqualTo(nice[1]);
        }
        else {
            // a JVM already at the lowest priority (run under nice -n 19): nothing to
            // change
            assertThat(nice[1]).as("what it says when nothing changed").isEqualTo(Integer.MIN_VALUE);
        }
        assertThat(nice[2]).as("the nice value /proc says").isEqualTo(Math.min(19, nice[0] + 5));
        assertThat(niceOfThisThread()).as("another thread's").isEqualTo(mine);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void threadsStartedByALoweredThreadInheritItsNiceValue() throws Exception {
        AtomicReference<int[]> seen = new AtomicReference<>();
        Thread background = Thread.ofPlatform().start(() -> {
            BackgroundPriority.lowerCurrentThread(3);
            int lowered = niceOfThisThread();
            AtomicReference<Integer> child = new AtomicReference<>();
            Thread started = Thread.ofPlatform().start(() -> child.set(niceOfThisThread()));
            try {
                started.join();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            seen.set(new int[] { lowered, child.get() });
        });
        background.join();
        assertThat(seen.get()[1]).as("the started thread's nice value").isEqualTo(seen.get()[0]);
    }

    @Test
    void changesNothingOnAVirtualThreadOrWhenTurnedOff() throws Exception {
        AtomicReference<OptionalInt> virtual = new AtomicReference<>();
        Thread.ofVirtual().start(() -> virtual.set(BackgroundPriority.lowerCurrentThread(5))).join();
        assertThat(virtual.get()).isEmpty();
        AtomicReference<OptionalInt> off = new AtomicReference<>();
        Thread.ofPlatform().start(() -> off.set(BackgroundPriority.lowerCurrentThread(0))).join();
        assertThat(off.get()).isEmpty();
    }

    @Test
    void readsTheAmountFromThePropertyThenTheVariableAndRefusesNonsense() {
        assertThat(BackgroundPriority.configured(null, null)).isEqualTo(BackgroundPriority.DEFAULT_NICE);
        assertThat(BackgroundPriority.configured("", " ")).isEqualTo(BackgroundPriority.DEFAULT_NICE);
        assertThat(BackgroundPriority.configured("3", "7")).isEqualTo(3);
        assertThat(BackgroundPriority.configured(null, "0")).isZero();
        assertThat(BackgroundPriority.configured(null, "40")).isEqualTo(19);
        assertThatIllegalArgumentException().isThrownBy(() -> BackgroundPriority.configured("low", null))
            .withMessageContaining("WEIR_BACKGROUND_NICE");
    }

    /**
     * Field 19 of /proc/thread-self/stat (after the command's parentheses: field 17 of
     * the rest).
     */
    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(rest[16]);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
