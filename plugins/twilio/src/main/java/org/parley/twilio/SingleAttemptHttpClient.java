package org.parley.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;

/**
 * The SDK's HTTP client, set up as the SDK sets it up, but making exactly one attempt per call.
 *
 * <p>Twilio offers no idempotency key for Messages, so a POST sent again after an error may put a second text
 * on the patient's phone. Two layers would send it again on their own: the SDK retries every 5xx three times,
 * and Apache HttpClient retries a 429 or 503 once after a second, POST or not. Parley retries temporary
 * failures itself, with back-off and a record of each attempt, so both are turned off here. Not retrying in
 * the SDK also keeps it from holding the last request (number, text) in a field.
 *
 * <p>An error answer that is not Twilio's JSON (an empty 503 from a load balancer) would reach the caller as
 * an unreadable answer without its HTTP status; it is replaced by {@code {"status":..,"message":..}}.
 */
class SingleAttemptHttpClient extends NetworkHttpClient {

    SingleAttemptHttpClient() {
        super(withoutRetries());
    }

    private static HttpClientBuilder withoutRetries() {
        // as NetworkHttpClient's own constructor, plus disableAutomaticRetries()
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
        connections.setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG);
        connections.setDefaultMaxPerRoute(20);
        connections.setMaxTotal(100);
        return HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
                .disableAutomaticRetries();
    }

    @Override
    public Response reliableRequest(Request request) {
        return readableErrors(makeRequest(request));
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return reliableRequest(request);
    }

    private static Response readableErrors(Response response) {
        if (response == null || response.getStatusCode() < 400) {
            return response;
        }
        String content = response.getContent();
        if (content == null || !content.stripLeading().startsWith("{")) {
            content = "{\"status\":" + response.getStatusCode() + ",\"message\":\"HTTP "
                    + response.getStatusCode() + "\"}";
        }
        // getContent() drained the stream: hand on the text
        return new Response(content, response.getStatusCode(), response.getHeaders());
    }
}
