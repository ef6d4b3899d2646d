package io.vehicle.idl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CatalogMarkdownTest {

    // Surefire runs in the idl module directory.
    private static final Path CATALOG = Path.of("..", "docs", "catalog.md");

    @Test
    @DisplayName("docs/catalog.md is what the .proto files render to")
    void committedCatalogIsUpToDate() throws IOException {
        assertThat(CATALOG).as("docs/catalog.md missing; generate it with: %s", CatalogMarkdown.REGENERATE).exists();
        String committed = Files.readString(CATALOG, StandardCharsets.UTF_8);
        assertThat(committed)
                .as("docs/catalog.md is out of date with idl/src/main/proto; regenerate it from the repository root with:%n  %s%n",
                        CatalogMarkdown.REGENERATE)
                .isEqualTo(CatalogMarkdown.render());
    }

    @Test
    void rendersEveryServiceAndSignal() {
        String markdown = CatalogMarkdown.render();
        for (var service : VehicleCatalog.services()) {
            assertThat(markdown).contains("## " + service.getName() + "\n");
        }
        for (Signal signal : VehicleCatalog.signals()) {
            assertThat(markdown).contains("| `" + signal.path() + "` |");
        }
        assertThat(markdown).contains("| 0x1001 | 0x0001 | 1.0 | `vehicle.hvac.v1` |")
                .contains("| Climate | ClimateSettings | GetClimate 0x0001 | SetClimate 0x0002 | ClimateChanged 0x8001 |");
    }
}
