package keeper.config.yaml.internal;

import java.util.Map;
import java.util.Set;

import keeper.api.ConfigSection;
import keeper.api.ServerConfig;

/**
 * server.yml as read once: Keeper's own fields and the features' sections.
 *
 * @param config       Keeper's own fields
 * @param sectionNames the names that were accepted as feature sections when it was read
 * @param sections     the feature sections the file has, by name
 */
record ServerFile(ServerConfig config, Set<String> sectionNames, Map<String, ConfigSection> sections) {
    ServerFile {
        sectionNames = Set.copyOf(sectionNames);
        sections = Map.copyOf(sections);
    }
}
