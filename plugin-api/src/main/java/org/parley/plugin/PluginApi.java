package org.parley.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this API. Plugins declare it in their manifest as {@code Plugin-Requires}; the app
 * loads a plugin whose required version is not newer than its own.
 *
 * <p>1.1.0 added {@link MessagingProvider#testConnection}, {@link ConnectionCheck} and
 * {@link ProviderEvent.DeliveryUpdate#recipientOptedOut()}; plugins built against 1.0.0 keep loading.
 *
 * <p>1.2.0 added chart export: {@link ChartExporter} and the records it takes and answers.
 *
 * <p>1.3.0 added {@link MessagingProvider#findSent} with {@link SentCheck}, and
 * {@link SendResult.FailureKind#OUTCOME_UNKNOWN}: a message whose send has an unknown outcome is looked up before it is
 * sent again. Plugins built against older versions keep loading (their messages are never resent blindly). It also
 * added {@link ExporterContext#practiceTimeZone()} (a default method: older hosts answer the server's zone).
 *
 * <p>1.4.0 added {@link MessagingProvider#fetchMediaAgain} (a default method): a message whose picture the media host
 * would not give is stored with a placeholder, and the picture is fetched again in the background. A plugin that does
 * not implement it keeps loading; its placeholders stay.
 */
public final class PluginApi {

    /**
     * The API version this jar implements, e.g. {@code 1.4.0}. Set once, in plugin-api's {@code pom.xml}
     * ({@code parley.plugin-api.version}); the build writes it into this jar's {@code plugin-api.properties} and its
     * manifest ({@code Parley-Plugin-Api-Version}).
     */
    public static final String VERSION = readVersion();

    private PluginApi() {
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = PluginApi.class.getResourceAsStream("plugin-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("plugin-api.properties is missing from the plugin API's jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plugin API's version", e);
        }
        String version = properties.getProperty("version", "");
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalStateException("the plugin API's version is not major.minor.patch: '" + version + "'");
        }
        return version;
    }
}
