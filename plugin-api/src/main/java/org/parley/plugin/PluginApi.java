package org.parley.plugin;

/**
 * The version of this API. Plugins declare it in their manifest as {@code Plugin-Requires}; the app
 * loads a plugin whose required major version matches and whose minor version is not newer than the app's.
 */
public final class PluginApi {

    /** The API version this jar implements. */
    public static final String VERSION = "1.0.0";

    private PluginApi() {
    }
}
