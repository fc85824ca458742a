package org.taew.core.logic.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.taew.core.util.WorkbenchException;

/**
 * GET requests to the Hub (or a server standing in for it): the bearer token sent to the endpoint
 * only (redirects followed by hand, never carrying it elsewhere), connection failures and the Hub's
 * refusals (401, 403, 404, 429, …) said in words.
 */
final class HubHttp {
    private final String endpoint;
    private final String token;
    private final HttpClient http;

    HubHttp(String endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(20))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    private HttpRequest.Builder request(String url, boolean withToken) throws WorkbenchException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5));
        } catch (IllegalArgumentException e) {
            throw WorkbenchException.badInput(
                    "Not a valid address: " + url + " (" + e.getMessage() + ")");
        }
        b.header("User-Agent", "taew-workbench");
        if (token != null && withToken) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /**
     * Whether {@code url} may receive the token: the endpoint's own scheme, host and port, over
     * https or on this machine. Redirects elsewhere (the Hub's file storage) never get it.
     */
    private boolean tokenGoesTo(String url) {
        try {
            URI u = URI.create(url);
            URI e = URI.create(endpoint);
            boolean sameOrigin =
                    u.getScheme().equalsIgnoreCase(e.getScheme())
                            && String.valueOf(u.getHost())
                                    .equalsIgnoreCase(String.valueOf(e.getHost()))
                            && u.getPort() == e.getPort();
            boolean safe =
                    "https".equalsIgnoreCase(u.getScheme())
                            || "127.0.0.1".equals(u.getHost())
                            || "localhost".equalsIgnoreCase(u.getHost())
                            || "[::1]".equals(u.getHost());
            return sameOrigin && safe;
        } catch (IllegalArgumentException | NullPointerException ex) {
            return false;
        }
    }

    /**
     * GETs {@code url} (with {@code range} when not null), following redirects by hand so that the
     * token is sent to the endpoint only.
     */
    <T> HttpResponse<T> send(
            String url,
            String range,
            HttpResponse.BodyHandler<T> handler,
            String subject,
            String what)
            throws WorkbenchException {
        String current = url;
        for (int hop = 0; hop < 6; hop++) {
            HttpRequest.Builder b = request(current, tokenGoesTo(current)).GET();
            if (range != null) {
                b.header("Range", range);
            }
            HttpResponse<T> r = sendOnce(b.build(), handler, subject, what);
            int st = r.statusCode();
            if (st != 301 && st != 302 && st != 303 && st != 307 && st != 308) {
                return r;
            }
            if (r.body() instanceof InputStream in) {
                try {
                    in.close();
                } catch (IOException e) {
                    // a redirect's body is of no use
                }
            }
            String location = r.headers().firstValue("location").orElse(null);
            if (location == null) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO, url + " redirected without saying where to");
            }
            current = URI.create(current).resolve(location).toString();
        }
        throw new WorkbenchException(WorkbenchException.Kind.IO, url + " redirects too many times");
    }

    HttpResponse<InputStream> send(String url, String range, String subject, String what)
            throws WorkbenchException {
        return send(url, range, HttpResponse.BodyHandlers.ofInputStream(), subject, what);
    }

    private <T> HttpResponse<T> sendOnce(
            HttpRequest request, HttpResponse.BodyHandler<T> handler, String subject, String what)
            throws WorkbenchException {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot reach "
                            + request.uri().getScheme()
                            + "://"
                            + request.uri().getAuthority()
                            + " to fetch "
                            + subject
                            + ": no network, or the address is wrong (HF_ENDPOINT or --endpoint set"
                            + " another one)",
                    e);
        } catch (IOException e) {
            throw FetchFailures.failed(
                    e,
                    "The connection to "
                            + request.uri().getAuthority()
                            + " failed while fetching "
                            + what
                            + ": ",
                    "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WorkbenchException.cancelled();
        }
    }

    /** One clear message per refusal of the Hub. */
    void check(int status, String retryAfter, String repo, String notFound, String url)
            throws WorkbenchException {
        if (status == 200 || status == 206) {
            return;
        }
        String m =
                switch (status) {
                    case 401 ->
                            repo
                                    + " needs an account: the Hub answered 401 (unauthorised). If it is a gated"
                                    + " model (e.g. google/embeddinggemma-300m), accept its conditions on its Hub page,"
                                    + " then set HF_TOKEN to an access token of that account"
                                    + (token == null
                                            ? " (none is set now)"
                                            : " (the token given was not accepted)");
                    case 403 ->
                            "The Hub refused access to "
                                    + repo
                                    + " (403): the token's account has not been granted access. Gated models (e.g."
                                    + " EmbeddingGemma) need their conditions accepted on their Hub page first.";
                    case 404 -> notFound;
                    case 429 ->
                            "The Hub is rate-limiting requests (429)"
                                    + (retryAfter == null
                                            ? ""
                                            : "; it asks to wait " + retryAfter + " s")
                                    + ". Try again later, or set HF_TOKEN: signed-in requests get a higher limit.";
                    default -> "The server answered HTTP " + status + " for " + url;
                };
        throw new WorkbenchException(
                status == 404 || status == 401 || status == 403
                        ? WorkbenchException.Kind.MODEL
                        : WorkbenchException.Kind.IO,
                m);
    }
}
