package dev.weir.analytics.system;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import dev.weir.platform.web.spi.RequestGuard;

/**
 * The Jetty handler in front of the servlet stack that sends a dataset answer again, as
 * bytes, while its dataset's version has not moved: on the I/O thread that read the
 * request, without Spring MVC's dispatch, argument resolution and JSON writing. It only
 * answers what the servlet stack answered before for the same path and query (200, or 304
 * for a matching {@code If-None-Match}), and only while the versions it knows are fresh
 * ({@link DataVersions#peek}); everything else goes on to the servlet stack on a worker
 * thread, which answers, refreshes the versions and keeps the new answer. A kept answer
 * is only sent to a request every {@link RequestGuard} lets through (the caller's token
 * and scope); any other request goes on to the servlet stack, whose guard filter refuses
 * it.
 */
final class KeptAnswersHandler extends Handler.Wrapper {

    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private static final List<String> PREFIXES = List.of("/retail/", "/fhrs/", "/weather/", "/rides/", "/fleet/");

    private final java.util.function.Supplier<RenderedAnswers> answers;

    private final java.util.function.Supplier<DataVersions> versions;

    private final java.util.function.Supplier<List<RequestGuard>> guardBeans;

    private volatile List<RequestGuard> guards;

    private final LongAdder answered = new LongAdder();

    /**
     * @param answers the answers and the versions, looked up on the first request (the
     * server is built before the application's beans are)
     * @param guards the service's request guards, looked up likewise
     */
    KeptAnswersHandler(Handler next, java.util.function.Supplier<RenderedAnswers> answers,
            java.util.function.Supplier<DataVersions> versions,
            java.util.function.Supplier<List<RequestGuard>> guards) {
        super(next);
        this.guardBeans = guards;
        this.answers = answers;
        this.versions = versions;
    }

    /** The dataset of an ETag {@code "<dataset>.<version>"}, or null. */
    static Dataset datasetOf(String etag) {
        if (etag == null || etag.length() < 4 || etag.charAt(0) != '"') {
            return null;
        }
        int dot = etag.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String name = etag.substring(1, dot);
        for (Dataset dataset : Dataset.values()) {
            if (dataset.warehouseName().equals(name)) {
                return dataset;
            }
        }
        return null;
    }

    static String key(String path, String query) {
        return (query != null) ? path + "?" + query : path;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RenderedAnswers.Rendered kept;
        try {
            kept = kept(request);
        }
        catch (RuntimeException ex) {
            // whatever went wrong here, the servlet stack answers (with a problem if need
            // be)
            kept = null;
        }
        if (kept == null) {
            return passOnLater(request, response, callback);
        }
        this.answered.increment();
        for (int i = 0; i < kept.headers().size(); i += 2) {
            response.getHeaders().put(kept.headers().get(i), kept.headers().get(i + 1));
        }
        if (HttpAnswers.matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), kept.etag())) {
            response.getHeaders().remove(HttpHeader.LINK);
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, kept.body().length);
        response.write(true, ByteBuffer.wrap(kept.body()), callback);
        return true;
    }

    /**
     * Whether every request guard lets this request through; a refusal is answered by the
     * servlet stack's guard filter, as on every other path.
     */
    private boolean allowed(Request request, String path) {
        List<RequestGuard> all = this.guards;
        if (all == null) {
            all = List.copyOf(this.guardBeans.get());
            this.guards = all;
        }
        RequestGuard.Request guarded = new RequestGuard.Request() {

            @Override
            public String method() {
                return request.getMethod();
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String header(String name) {
                return request.getHeaders().get(name);
            }

        };
        for (RequestGuard guard : all) {
            if (guard.check(guarded).isPresent()) {
                return false;
            }
        }
        return true;
    }

    /** The answer kept for this request at its dataset's current version, or null. */
    private RenderedAnswers.Rendered kept(Request request) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            return null;
        }
        String path = request.getHttpURI().getPath();
        if (path == null || PREFIXES.stream().noneMatch(path::startsWith)
                || !acceptsJson(request.getHeaders().get(HttpHeader.ACCEPT))) {
            return null;
        }
        if (!allowed(request, path)) {
            return null;
        }
        RenderedAnswers answers = this.answers.get();
        DataVersions versions = this.versions.get();
        if (answers == null || versions == null) {
            return null;
        }
        RenderedAnswers.Rendered kept = answers
            .get(key(request.getHttpURI().getPath(), request.getHttpURI().getQuery()));
        if (kept == null) {
            return null;
        }
        Long current = versions.peek(kept.dataset());
        return (current != null && current == kept.version()) ? kept : null;
    }

    /** Hands the request to the servlet stack, on a worker: it may block. */
    private boolean passOnLater(Request request, Response response, Callback callback) {
        try {
            getServer().getThreadPool().execute(() -> {
                try {
                    if (!super.handle(request, response, callback)) {
                        Response.writeError(request, response, callback, 404);
                    }
                }
                catch (Throwable ex) {
                    Response.writeError(request, response, callback, ex);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            Response.writeError(request, response, callback, 503);
        }
        return true;
    }

    /** Requests answered here. */
    double answered() {
        return this.answered.sum();
    }

    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].trim();
            if (type.equals("*/*") || type.equals("application/*") || type.equals("application/json")) {
                return true;
            }
        }
        return false;
    }

}
