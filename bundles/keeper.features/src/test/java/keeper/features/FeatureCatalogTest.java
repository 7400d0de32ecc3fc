package keeper.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FeatureCatalogTest {

    private static FeatureCatalog parse(String text) throws IOException {
        return FeatureCatalog.parse("test.features", List.of(text.split("\n")));
    }

    @Test
    void requiredFeaturesComeFirstAndBundlesOnce() throws IOException {
        FeatureCatalog catalog = parse("""
                # comment
                feature core
                  description the base
                  bundle a
                  bundle b
                feature client
                  requires core
                  bundle c
                feature ssh
                  requires client
                  requires core
                  bundle d
                """);
        assertEquals(List.of("a", "b", "c", "d"), catalog.bundlesOf(List.of("ssh")));
        assertEquals(Set.of("ssh", "client", "core"), catalog.closure("ssh"));
        assertEquals("the base", catalog.feature("core").description());
    }

    @Test
    void errorsNameTheLine() {
        IOException unknownKey = assertThrows(IOException.class, () -> parse("feature a\n  bundel x"));
        assertTrue(unknownKey.getMessage().startsWith("test.features:2: unknown keyword 'bundel'"), unknownKey.getMessage());
        IOException orphan = assertThrows(IOException.class, () -> parse("bundle x"));
        assertTrue(orphan.getMessage().contains(":1:"), orphan.getMessage());
        IOException twice = assertThrows(IOException.class, () -> parse("feature a\nfeature a"));
        assertTrue(twice.getMessage().contains("defined twice"), twice.getMessage());
    }

    @Test
    void unknownRequirementAndCyclesAreRefused() {
        IOException unknown = assertThrows(IOException.class, () -> parse("feature a\n requires nope"));
        assertTrue(unknown.getMessage().contains("no feature named 'nope'"), unknown.getMessage());
        IOException cycle = assertThrows(IOException.class, () -> parse("feature a\n requires b\nfeature b\n requires a"));
        assertTrue(cycle.getMessage().contains("a -> b -> a"), cycle.getMessage());
    }
}
