package org.parley.plugin;

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

    /** The API version this jar implements. */
    public static final String VERSION = "1.4.0";

    private PluginApi() {
    }
}
