package keeper.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SectionFeaturesTest {

    private static final Set<String> CATALOG = Set.of("core", "fleet", "http", "ssh");

    @Test
    void aTopLevelSectionNamedAfterAFeatureAsksForIt() {
        List<String> lines = List.of(
                "# fleet: in a comment is nothing",
                "loadpaths: [children]",
                "fleet:",
                "  zookeeper: \"zk1:2181\"",
                "  http: nested keys are not sections",
                "\"http\": {port: 8080}",
                "fleet: twice is once",
                "sshd: not a feature",
                "ssh:x is no key");

        assertEquals(List.of("fleet", "http"), SectionFeatures.in(lines, CATALOG));
    }
}
