package org.parley.provider;

import java.util.List;

/**
 * A plugin as the admin page shows it.
 *
 * @param id              the plugin's id
 * @param version         its version
 * @param provider        who made it
 * @param description     what it is
 * @param state           PF4J's state: STARTED, DISABLED, FAILED...
 * @param extensionPoints the extension points it serves, e.g. {@code MessagingProvider: sandbox}
 * @param error           why it failed to load or start, or {@code null}
 */
public record PluginInfo(String id, String version, String provider, String description, String state,
                         List<String> extensionPoints, String error) {
}
