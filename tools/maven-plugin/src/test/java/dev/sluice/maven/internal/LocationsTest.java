package dev.sluice.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocationsTest {
    private final File base = new File("/work/app");

    @Test
    void theDefaultIsTheProjectsOwnDirectoryPerVendor() {
        assertThat(Locations.resolve(null, base)).containsExactly("filesystem:/work/app/src/main/resources/db/migration/{vendor}");
        assertThat(Locations.forVendor(Locations.resolve(List.of(), base), Vendor.SQLITE))
                .containsExactly("filesystem:/work/app/src/main/resources/db/migration/sqlite");
    }

    @Test
    void relativeFilesystemPathsAreTheProjectsAndCommaListsAreSplit() {
        assertThat(Locations.resolve(List.of("filesystem:sql/{vendor}, classpath:db/shared", " ", "filesystem:/abs/x"), base))
                .containsExactly("filesystem:/work/app/sql/{vendor}", "classpath:db/shared", "filesystem:/abs/x");
    }

    @Test
    void classpathLocationsAreLookedForInEachResourceRoot() {
        List<File> roots = Arrays.asList(new File("/r/main"), new File("/r/target"));
        assertThat(Locations.directories("classpath:db/migration/sqlite", roots))
                .containsExactly(new File("/r/main/db/migration/sqlite"), new File("/r/target/db/migration/sqlite"));
        assertThat(Locations.directories("filesystem:/x/y", roots)).containsExactly(new File("/x/y"));
    }
}
