package dev.weir.platform.embedded;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import dev.weir.platform.embedded.PostgresBinaries.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Which PostgreSQL binaries a laptop gets, from its JVM's os.name and os.arch. */
class PostgresPlatformTest {

    @ParameterizedTest
    @CsvSource({ "Linux, amd64, postgres-linux-x86_64.txz", "Linux, x86_64, postgres-linux-x86_64.txz",
            "Linux, aarch64, postgres-linux-arm_64.txz", "Mac OS X, x86_64, postgres-darwin-x86_64.txz",
            "Mac OS X, aarch64, postgres-darwin-arm_64.txz", "Darwin, arm64, postgres-darwin-arm_64.txz" })
    void picksTheBinariesOfTheJvmsOperatingSystemAndProcessor(String osName, String osArch, String bundle) {
        assertThat(Platform.of(osName, osArch).bundle()).isEqualTo(bundle);
    }

    @ParameterizedTest
    @CsvSource({ "Windows 11, amd64", "Linux, x86", "Linux, arm", "Linux, ppc64le", "Linux, s390x", "FreeBSD, amd64",
            "Mac OS X, ppc" })
    void refusesAnUnsupportedPlatformSayingWhichAreSupportedAndWhatToDoInstead(String osName, String osArch) {
        assertThatIllegalStateException().isThrownBy(() -> Platform.of(osName, osArch))
            .withMessageContaining("runs on Linux and macOS, on x86-64 and ARM64")
            .withMessageContaining(osName + " (" + osArch + ")")
            .withMessageContaining("WEIR_DB_URL");
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void shipsTheBinariesOfEverySupportedPlatform(Platform platform) {
        assertThat(PostgresBinaries.class.getClassLoader().getResource(platform.bundle()))
            .as("%s on the class path (io.zonky.test.postgres:%s)", platform.bundle(), platform.artifactId())
            .isNotNull()
            .asString()
            .contains(platform.artifactId() + "-");
    }

}
