package org.parley.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a messaging provider is, apart from any line it serves: enough for the admin UI to list it, draw
 * its settings form, show which webhook URLs to paste into the provider's console, and check a reply's
 * length before sending.
 *
 * @param id             the provider's id, kebab-case, e.g. {@code twilio}; lines name it
 * @param name           the name shown to admins
 * @param helpText       a paragraph telling an admin how to set a line up
 * @param properties     the settings each line needs
 * @param capabilities   what the provider can do
 * @param webhookEvents  the {@code event} words of the webhooks it serves, e.g. {@code sms}, {@code status}
 * @param maxTextLength  the longest text the provider accepts in one message, in characters
 */
public record ProviderDescriptor(String id, String name, String helpText, List<ConfigProperty> properties,
                                 Set<Capability> capabilities, List<String> webhookEvents, int maxTextLength) {

    /** Checks the id is kebab-case and copies the collections. */
    public ProviderDescriptor {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("provider id must be kebab-case: " + id);
        }
        Objects.requireNonNull(name, "name");
        helpText = helpText == null ? "" : helpText;
        properties = List.copyOf(properties);
        capabilities = Set.copyOf(capabilities);
        webhookEvents = List.copyOf(webhookEvents);
        if (maxTextLength <= 0) {
            throw new IllegalArgumentException("maxTextLength must be positive");
        }
    }

    /** Whether the provider has a capability. */
    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }
}
